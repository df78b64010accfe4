extends RefCounted
## The gateway's WebSocket ([code]/ws?token=<JWT>[/code]): enter_world, join_map, ping, reauth, chat
## and parties.
##
## Create it with [code]GatewayConnection.new("ws://localhost:3002")[/code], call [method open] with
## the access token, then [method poll] every frame. Call [method follow] once with the AuthApi:
## every new session of it (its automatic refreshes too) is sent to the gateway with reauth, so the
## socket outlives the 15-minute access token. Every frame is [code]{"event": ..., "data": {...}}[/code];
## what arrives comes as the signals below. A frame that is not a JSON object (or not UTF-8) is
## reported as [signal error] "INVALID_MESSAGE" and the connection stays open.

## The gateway took the token: [code]{"message", "user_id"}[/code].
signal welcome(data: Dictionary)
## A ticket for the character's map: [code]{"map_ip", "map_port", "map_id", "server_id", "ticket",
## "spawn_pos": {"x", "y"}, "expires_in"}[/code]; hand it to MapConnection.open.
signal enter_world_success(data: Dictionary)
## A ticket for the map asked with [method join_map], with the same fields.
signal join_map_success(data: Dictionary)
## A refusal (the connection stays open): CHARACTER_NOT_FOUND, FORBIDDEN, MAP_NOT_FOUND,
## RATE_LIMITED, the chat's CHAT_RATE_LIMITED, CHAT_TOO_LONG, CHAT_MUTED, PLAYER_OFFLINE,
## NOT_IN_PARTY, NOT_IN_WORLD, PARTY_FULL, ALREADY_IN_PARTY, NO_INVITATION, ...; SESSION_REVOKED,
## SESSION_EXPIRED and KICKED are followed by [signal closed].
signal error(code: String, message: String)
## The answer to [method ping].
signal pong()
## The gateway took the fresher access token: [code]{"expires_in"}[/code].
signal reauth_success(data: Dictionary)
## A system message from support staff, at any time.
signal announcement(message: String)
## A chat line: [code]{"id", "channel", "from": {"character_id", "name"}, "text", "sent_at", "map_id"?, "to"?}[/code].
signal chat_message(data: Dictionary)
## The gateway took your line ([code]{"id", "channel"}[/code]); it comes back as [signal chat_message].
signal chat_sent(data: Dictionary)
## The answer to [method chat_history]: the last lines of "map", "world" or "party", oldest first
## (each like [signal chat_message]'s data).
signal chat_history_received(channel: String, messages: Array)
## [code]{"party_id", "leader", "members": [{"character_id", "name"}], "reason"?}[/code]; party_id
## null: you are in no party any more (reason "left", "kicked" or "disbanded").
signal party_update(data: Dictionary)
## [code]{"party_id", "from": {"character_id", "name"}, "expires_in"}[/code]: answer with [method party_accept].
signal party_invitation(data: Dictionary)
## The answer to party_invite / party_accept / party_leave / party_kick / chat_block / chat_unblock:
## event_name is "party_invited", "party_joined", "party_left", "party_kicked", "chat_blocked" or
## "chat_unblocked".
signal chat_answer(event_name: String, data: Dictionary)
## The socket closed: 1000 after [method close]; 1008 "Invalid token" for a refused token, and
## "Session revoked" / "Session expired" / "Kicked" after those errors; 1006 when it dropped or
## could not be made.
signal closed(code: int, reason: String)

const Json = preload("res://addons/mmo_backend/json.gd")
const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")

## The gateway's events answered by [signal chat_answer].
const CHAT_ANSWERS: Array[String] = ["party_invited", "party_joined", "party_left", "party_kicked",
	"chat_blocked", "chat_unblocked"]
## The largest frame accepted from the gateway (the engine's buffer for one incoming message).
const MAX_FRAME_BYTES := 1 << 18
## The most frames handled in one poll().
const MAX_FRAMES_PER_POLL := 256
## A socket not open within this time is closed (1006 "connection timed out").
const CONNECT_TIMEOUT_MSEC := 15000

## The user the gateway welcomed (from welcome's user_id).
var user_id: String = ""

var _base_url: String = ""
var _socket: WebSocketPeer = null
var _closed: bool = false
var _opened_at: int = 0


## gateway_url: the gateway's ws:// or wss:// address, without /ws.
func _init(gateway_url: String) -> void:
	_base_url = gateway_url.trim_suffix("/")


## Connects with the access token (JWTs are URL-safe as they are). [signal welcome] answers.
func open(access_token: String) -> Error:
	_closed = false
	_opened_at = Time.get_ticks_msec()
	_socket = WebSocketPeer.new()
	_socket.inbound_buffer_size = MAX_FRAME_BYTES
	var tls := TLSOptions.client() if _base_url.begins_with("wss://") else null
	return _socket.connect_to_url(_base_url + "/ws?token=" + access_token, tls)


## Enters the world with that character; [signal enter_world_success] answers.
func enter_world(character_id: Variant) -> Error:
	return send("enter_world", {"character_id": str(character_id)})


## Asks for a ticket to that map (after map_transfer); [signal join_map_success] answers.
func join_map(map_id: int) -> Error:
	return send("join_map", {"map_id": map_id})


## [signal pong] answers.
func ping() -> Error:
	return send("ping", {})


## Says text on "map", "world" or "party"; with to (a character name), whispers it on channel "whisper".
func chat_send(channel: String, text: String, to: String = "") -> Error:
	var data := {"channel": channel, "text": text}
	if to != "":
		data["channel"] = "whisper"
		data["to"] = to
	return send("chat_send", data)


## Asks for the last lines of "map", "world" or "party": [signal chat_history_received] answers.
func chat_history(channel: String) -> Error:
	return send("chat_history", {"channel": channel})


## Invites that character to your party.
func party_invite(name: String) -> Error:
	return send("party_invite", {"name": name})


## Joins the party of an invitation ([signal party_invitation]'s party_id).
func party_accept(party_id: Variant) -> Error:
	return send("party_accept", {"party_id": str(party_id)})


## Leaves your party.
func party_leave() -> Error:
	return send("party_leave", {})


## The leader removes that character from the party.
func party_kick(name: String) -> Error:
	return send("party_kick", {"name": name})


## Lines and invitations from that character no longer reach you (kept by the server).
func chat_block(name: String) -> Error:
	return send("chat_block", {"name": name})


## Lets that character's lines reach you again.
func chat_unblock(name: String) -> Error:
	return send("chat_unblock", {"name": name})


## Hands the gateway a fresher access token of the same user; [signal reauth_success] answers.
func reauth(access_token: String) -> Error:
	return send("reauth", {"access_token": access_token})


## Sends every new session of auth_api to the gateway (with reauth) while the socket is open.
func follow(auth_api: AuthApi) -> void:
	if not auth_api.session_changed.is_connected(_on_session_changed):
		auth_api.session_changed.connect(_on_session_changed)


## True once the socket is open and until it closes.
func is_open() -> bool:
	return _socket != null and not _closed and _socket.get_ready_state() == WebSocketPeer.STATE_OPEN


## Sends {"event": event_name, "data": data}; ERR_UNCONFIGURED when the socket is not open.
func send(event_name: String, data: Dictionary) -> Error:
	if not is_open():
		return ERR_UNCONFIGURED
	return _socket.send_text(Json.encode({"event": event_name, "data": data}))


## Closes the socket; [signal closed] (1000, "bye") follows at once.
func close() -> void:
	if _socket == null or _closed:
		return
	_socket.close(1000, "bye")
	_report_closed(1000, "bye")


## Call every frame: reads what arrived and emits it.
func poll() -> void:
	if _socket == null or _closed:
		return
	_socket.poll()
	var frames := 0
	while not _closed and _socket.get_available_packet_count() > 0 and frames < MAX_FRAMES_PER_POLL:
		frames += 1
		_handle(_socket.get_packet())
	var state := _socket.get_ready_state()
	if not _closed and state == WebSocketPeer.STATE_CLOSED:
		var code := _socket.get_close_code()
		_report_closed(code if code >= 0 else 1006, _socket.get_close_reason())
	elif state == WebSocketPeer.STATE_CONNECTING and Time.get_ticks_msec() - _opened_at > CONNECT_TIMEOUT_MSEC:
		_socket.close()
		_report_closed(1006, "connection timed out")


func _on_session_changed(session: Dictionary) -> void:
	if is_open():
		reauth(str(session.get("access_token", "")))


func _handle(bytes: PackedByteArray) -> void:
	var frame: Variant = Json.decode_utf8(bytes)
	if Json.is_error(frame) or frame is not Dictionary:
		error.emit("INVALID_MESSAGE", "the gateway sent something that is not a JSON object")
		return
	var event_name: String = str(frame.get("event", ""))
	var data: Dictionary = frame["data"] if frame.get("data") is Dictionary else {}
	match event_name:
		"welcome":
			user_id = str(data.get("user_id", ""))
			welcome.emit(data)
		"enter_world_success":
			enter_world_success.emit(data)
		"join_map_success":
			join_map_success.emit(data)
		"error":
			error.emit(str(data.get("code", "")), str(data.get("message", "")))
		"pong":
			pong.emit()
		"reauth_success":
			reauth_success.emit(data)
		"announcement":
			announcement.emit(str(data.get("message", "")))
		"chat_message":
			chat_message.emit(data)
		"chat_sent":
			chat_sent.emit(data)
		"chat_history":
			var messages: Array = []
			if data.get("messages") is Array:
				for line: Variant in data["messages"]:
					if line is Dictionary:
						messages.append(line)
			chat_history_received.emit(str(data.get("channel", "")), messages)
		"party_update":
			party_update.emit(data)
		"party_invitation":
			party_invitation.emit(data)
		_:
			if event_name in CHAT_ANSWERS:
				chat_answer.emit(event_name, data)


func _report_closed(code: int, reason: String) -> void:
	if _closed:
		return
	_closed = true
	closed.emit(code, reason)
