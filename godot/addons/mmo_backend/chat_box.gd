extends RefCounted
## What a player types in a chat box, turned into gateway requests, and what the gateway says,
## turned into lines to show. No UI of its own (examples/world_client.gd draws one).
##
## [codeblock]
## hello              says it on the map         /world hello    to everyone in the world
## /p hello           to the party               /w Name hello   whispers to Name (any gateway)
## /invite Name       invites Name to your party /accept         joins the last party you were invited to
## /leave             leaves the party           /kick Name      the leader removes Name
## /block Name        their lines never reach you (kept on the server); /unblock Name
## /history map|world|party   the last lines of that channel
## [/codeblock]
## [code]var box = ChatBox.new()[/code]; [code]box.submit(gateway, typed)[/code] sends. Connect the
## gateway's chat_message, chat_history_received, party_update, party_invitation, chat_answer and
## error signals to the on_* methods of the same names, and show [member lines].

const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")

## The most lines kept.
const MAX_LINES := 100

## What to show, the newest last; at most [constant MAX_LINES].
var lines: Array[String] = []
## The party id of the last invitation, for /accept.
var last_invitation: String = ""


## The request a typed line stands for: [code][event, data][/code], or [code]["", hint][/code] when
## it is none.
func parse(typed: String) -> Array:
	var text := typed.strip_edges()
	if text == "":
		return ["", "type something"]
	if not text.begins_with("/"):
		return ["chat_send", {"channel": "map", "text": text}]
	var parts := text.split(" ", false, 1)
	var command := parts[0].to_lower()
	var rest := parts[1].strip_edges() if parts.size() > 1 else ""
	if command == "/world" or command == "/p":
		if rest == "":
			return ["", command + " needs a message"]
		return ["chat_send", {"channel": "world" if command == "/world" else "party", "text": rest}]
	if command == "/w":
		var target := rest.split(" ", false, 1)
		if target.size() < 2:
			return ["", "/w Name message"]
		return ["chat_send", {"channel": "whisper", "to": target[0], "text": target[1]}]
	if command in ["/invite", "/kick", "/block", "/unblock"]:
		if rest == "" or rest.find(" ") >= 0:
			return ["", command + " Name"]
		var events := {"/invite": "party_invite", "/kick": "party_kick", "/block": "chat_block", "/unblock": "chat_unblock"}
		return [events[command], {"name": rest}]
	if command == "/accept":
		if last_invitation == "":
			return ["", "no invitation to accept"]
		return ["party_accept", {"party_id": last_invitation}]
	if command == "/leave":
		return ["party_leave", {}]
	if command == "/history":
		if rest not in ["map", "world", "party"]:
			return ["", "/history map, world or party"]
		return ["chat_history", {"channel": rest}]
	return ["", "unknown command " + command]


## Sends what typed stands for through gateway; a hint that is not sent is
## shown as a line instead (and ERR_INVALID_PARAMETER returned).
func submit(gateway: GatewayConnection, typed: String) -> Error:
	var request := parse(typed)
	if request[0] == "":
		add(request[1])
		return ERR_INVALID_PARAMETER
	return gateway.send(request[0], request[1])


## A chat_message's line: "[map] Name: text", "[whisper] Name -> Other: text".
static func format(data: Dictionary) -> String:
	var to: Variant = data.get("to")
	var arrow := (" -> " + _name_in(to)) if to is Dictionary else ""
	return "[%s] %s%s: %s" % [str(data.get("channel", "?")), _name_in(data.get("from")), arrow, str(data.get("text", ""))]


## Adds a line, dropping the oldest beyond [constant MAX_LINES].
func add(line: String) -> void:
	lines.append(line)
	while lines.size() > MAX_LINES:
		lines.pop_front()


## For the gateway's chat_message.
func on_chat_message(data: Dictionary) -> void:
	add(format(data))


## For the gateway's chat_history_received.
func on_chat_history_received(channel: String, messages: Array) -> void:
	add("-- last %d line(s) of %s --" % [messages.size(), channel])
	for message: Variant in messages:
		if message is Dictionary:
			add(format(message))


## The same as [method on_chat_history_received], under the name the signal had before Godot 4.
func on_chat_history(channel: String, messages: Array) -> void:
	on_chat_history_received(channel, messages)


## For the gateway's party_update.
func on_party_update(data: Dictionary) -> void:
	if data.get("party_id") == null:
		add("-- you are in no party (%s) --" % str(data.get("reason", "")))
		return
	var names: PackedStringArray = []
	var members: Variant = data.get("members", [])
	if members is Array:
		for member: Variant in members:
			names.append(_name_in(member))
	add("-- party: %s --" % ", ".join(names))


## For the gateway's party_invitation: /accept then joins that party.
func on_party_invitation(data: Dictionary) -> void:
	last_invitation = str(data.get("party_id", ""))
	add("-- %s invites you to a party: /accept --" % _name_in(data.get("from")))


## For the gateway's chat_answer.
func on_chat_answer(event_name: String, data: Dictionary) -> void:
	if event_name == "party_invited":
		add("-- invited %s --" % str(data.get("name", "?")))
	elif event_name == "chat_blocked":
		add("-- blocked %s --" % str(data.get("name", "?")))


## For the gateway's error.
func on_error(code: String, message: String) -> void:
	add("(%s) %s" % [code, message])


# {"name": ...}'s name, or "?" when who is not such a dictionary.
static func _name_in(who: Variant) -> String:
	return str(who.get("name", "?")) if who is Dictionary else "?"
