# What a player types in a chat box, turned into gateway requests, and what the gateway says, turned
# into lines to show. No UI of its own (examples/world_client.gd draws one); works on Godot 3 and 4.
#
#   hello              says it on the map         /world hello    to everyone in the world
#   /p hello           to the party               /w Name hello   whispers to Name (any gateway)
#   /invite Name       invites Name to your party /accept         joins the last party you were invited to
#   /leave             leaves the party           /kick Name      the leader removes Name
#   /block Name        their lines never reach you (kept on the server); /unblock Name
#   /history map|world|party   the last lines of that channel
#
# var box = ChatBox.new(); box.submit(gateway, typed) sends; connect the gateway's chat_message,
# chat_history, party_update, party_invitation, chat_answer and error signals to the on_* methods
# and show box.lines (the newest last; at most MAX_LINES).

const MAX_LINES = 100

var lines = []
var last_invitation = ""


# The request a typed line stands for: [event, data], or ["", hint] when it is none.
func parse(typed):
	var text = typed.strip_edges()
	if text == "":
		return ["", "type something"]
	if not text.begins_with("/"):
		return ["chat_send", {"channel": "map", "text": text}]
	var parts = text.split(" ", false, 1)
	var command = parts[0].to_lower()
	var rest = parts[1].strip_edges() if parts.size() > 1 else ""
	if command == "/world" or command == "/p":
		if rest == "":
			return ["", command + " needs a message"]
		return ["chat_send", {"channel": "world" if command == "/world" else "party", "text": rest}]
	if command == "/w":
		var target = rest.split(" ", false, 1)
		if target.size() < 2:
			return ["", "/w Name message"]
		return ["chat_send", {"channel": "whisper", "to": target[0], "text": target[1]}]
	if command in ["/invite", "/kick", "/block", "/unblock"]:
		if rest == "" or rest.find(" ") >= 0:
			return ["", command + " Name"]
		var events = {"/invite": "party_invite", "/kick": "party_kick", "/block": "chat_block", "/unblock": "chat_unblock"}
		return [events[command], {"name": rest}]
	if command == "/accept":
		if last_invitation == "":
			return ["", "no invitation to accept"]
		return ["party_accept", {"party_id": last_invitation}]
	if command == "/leave":
		return ["party_leave", {}]
	if command == "/history":
		if not (rest in ["map", "world", "party"]):
			return ["", "/history map, world or party"]
		return ["chat_history", {"channel": rest}]
	return ["", "unknown command " + command]


# Sends what typed stands for; a hint that is not sent is shown as a line instead.
func submit(gateway, typed):
	var request = parse(typed)
	if request[0] == "":
		add(request[1])
		return ERR_INVALID_PARAMETER
	return gateway.send(request[0], request[1])


# "[map] Name: text", "[whisper] Name -> Other: text".
static func format(data):
	var sender = data.get("from", {}).get("name", "?")
	var to = data.get("to", null)
	var arrow = (" -> " + str(to.get("name", "?"))) if typeof(to) == TYPE_DICTIONARY else ""
	return "[%s] %s%s: %s" % [data.get("channel", "?"), sender, arrow, data.get("text", "")]


func add(line):
	lines.append(line)
	while lines.size() > MAX_LINES:
		lines.pop_front()


func on_chat_message(data):
	add(format(data))


func on_chat_history(channel, messages):
	add("-- last %d line(s) of %s --" % [messages.size(), channel])
	for message in messages:
		add(format(message))


func on_party_update(data):
	if data.get("party_id", null) == null:
		add("-- you are in no party (%s) --" % data.get("reason", ""))
		return
	var names = ""
	for member in data.get("members", []):
		names += (", " if names != "" else "") + str(member.get("name", "?"))
	add("-- party: %s --" % names)


func on_party_invitation(data):
	last_invitation = str(data.get("party_id", ""))
	add("-- %s invites you to a party: /accept --" % data.get("from", {}).get("name", "?"))


func on_chat_answer(event_name, data):
	if event_name == "party_invited":
		add("-- invited %s --" % data.get("name", "?"))
	elif event_name == "chat_blocked":
		add("-- blocked %s --" % data.get("name", "?"))


func on_error(code, message):
	add("(%s) %s" % [code, message])
