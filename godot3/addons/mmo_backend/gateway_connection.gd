# The gateway's WebSocket (/ws?token=<JWT>): enter_world, join_map, ping, reauth, chat and parties. Create it with
# GatewayConnection.new("ws://localhost:3002"), call open(access_token), then poll() every frame.
# Call follow(auth_api) once: every new session of that AuthApi (its automatic refreshes too) is
# sent to the gateway with reauth, so the socket outlives the 15-minute access token.
# Every frame is {"event": ..., "data": {...}}; answers arrive as signals:
#
#   welcome(data)              {"message", "user_id"}
#   enter_world_success(data)  {"map_ip", "map_port", "map_id", "server_id", "ticket", "spawn_pos": {"x","y"}, "expires_in"}
#   join_map_success(data)     the same fields
#   error(code, message)       e.g. CHARACTER_NOT_FOUND, FORBIDDEN, MAP_NOT_FOUND, RATE_LIMITED; the connection stays open
#   pong()
#   reauth_success(data)       {"expires_in"}: the gateway took the fresher access token
#   announcement(message)      a system message from support staff, at any time
#   chat_message(data)         {"id", "channel", "from": {"character_id", "name"}, "text", "sent_at", "map_id"?, "to"?}
#   chat_sent(data)            {"id", "channel"}: the gateway took your line (it comes back as chat_message)
#   chat_history(channel, messages)  the last lines of "map", "world" or "party", oldest first
#   party_update(data)         {"party_id", "leader", "members": [{"character_id", "name"}], "reason"?}; party_id
#                              null: you are in no party any more (reason "left", "kicked" or "disbanded")
#   party_invitation(data)     {"party_id", "from": {"character_id", "name"}, "expires_in"}: answer with party_accept
#   chat_answer(event, data)   the answer to party_invite / party_accept / party_leave / party_kick / chat_block /
#                              chat_unblock: "party_invited", "party_joined", "party_left", "party_kicked",
#                              "chat_blocked", "chat_unblocked"
#   chat errors come as error(code, message): CHAT_RATE_LIMITED, CHAT_TOO_LONG, CHAT_MUTED, PLAYER_OFFLINE,
#                              NOT_IN_PARTY, NOT_IN_WORLD, PARTY_FULL, ALREADY_IN_PARTY, NO_INVITATION, ...
#   closed(code, reason)       1008 "Invalid token" for a refused token, 1000 after close(); 1008 "Session
#                              revoked" / "Session expired" / "Kicked" after error SESSION_REVOKED /
#                              SESSION_EXPIRED / KICKED
#
# Godot 3.x speaks WebSocket through WebSocketClient, Godot 4 through WebSocketPeer: the two
# branches below are the only version-specific lines.

signal welcome(data)
signal enter_world_success(data)
signal join_map_success(data)
signal error(code, message)
signal pong()
signal reauth_success(data)
signal announcement(message)
signal chat_message(data)
signal chat_sent(data)
signal chat_history(channel, messages)
signal party_update(data)
signal party_invitation(data)
signal chat_answer(event_name, data)
signal closed(code, reason)

const Json = preload("res://addons/mmo_backend/json.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")

var user_id = ""
var _base_url = ""
var _socket = null
var _open = false
var _closed = false
var _close_code = -1
var _close_reason = ""


func _init(gateway_url):
	_base_url = gateway_url
	if _base_url.ends_with("/"):
		_base_url = _base_url.substr(0, _base_url.length() - 1)


# Connects with the access token (JWTs are URL-safe as they are).
func open(access_token):
	var url = _base_url + "/ws?token=" + access_token
	_closed = false
	_open = false
	if Compat.is_godot4():
		_socket = Compat.instantiate("WebSocketPeer")
		return _socket.connect_to_url(url)
	_socket = Compat.instantiate("WebSocketClient")
	Compat.connect_signal(_socket, "server_close_request", self, "_on_close_request")
	Compat.connect_signal(_socket, "connection_closed", self, "_on_closed")
	Compat.connect_signal(_socket, "connection_error", self, "_on_error")
	Compat.connect_signal(_socket, "connection_established", self, "_on_established")
	return _socket.connect_to_url(url)


func enter_world(character_id):
	return send("enter_world", {"character_id": str(character_id)})


func join_map(map_id):
	return send("join_map", {"map_id": int(map_id)})


func ping():
	return send("ping", {})


# Says text on "map", "world" or "party"; with to (a character name), whispers it on channel "whisper".
func chat_send(channel, text, to = ""):
	var data = {"channel": channel, "text": text}
	if to != "":
		data["channel"] = "whisper"
		data["to"] = to
	return send("chat_send", data)


# Asks for the last lines of "map", "world" or "party": chat_history(channel, messages) answers.
func chat_history(channel):
	return send("chat_history", {"channel": channel})


func party_invite(name):
	return send("party_invite", {"name": name})


func party_accept(party_id):
	return send("party_accept", {"party_id": str(party_id)})


func party_leave():
	return send("party_leave", {})


func party_kick(name):
	return send("party_kick", {"name": name})


# Lines and invitations from that character no longer reach you (kept by the server).
func chat_block(name):
	return send("chat_block", {"name": name})


func chat_unblock(name):
	return send("chat_unblock", {"name": name})


# Hands the gateway a fresher access token of the same user.
func reauth(access_token):
	return send("reauth", {"access_token": access_token})


# Sends every new session of auth_api (an AuthApi) to the gateway while the socket is open.
func follow(auth_api):
	Compat.connect_signal(auth_api, "session_changed", self, "_on_session_changed")


func _on_session_changed(session):
	if is_open():
		reauth(session["access_token"])


func is_open():
	return _socket != null and not _closed and _state_open()


func send(event_name, data):
	if _socket == null or _closed:
		return ERR_UNCONFIGURED
	var text = Json.encode({"event": event_name, "data": data})
	if Compat.is_godot4():
		return _socket.send_text(text)
	var peer = _socket.get_peer(1)
	peer.set_write_mode(peer.WRITE_MODE_TEXT)
	return peer.put_packet(Compat.utf8_bytes(text))


func close():
	if _socket == null or _closed:
		return
	if Compat.is_godot4():
		_socket.close(1000, "bye")
	else:
		_socket.disconnect_from_host(1000, "bye")
	_report_closed(1000, "bye")


# Call every frame: reads what arrived and emits it.
func poll():
	if _socket == null or _closed:
		return
	_socket.poll()
	if Compat.is_godot4():
		while _socket.get_available_packet_count() > 0:
			_handle(Compat.utf8_string(_socket.get_packet()))
		if _socket.get_ready_state() == 3: # STATE_CLOSED
			_report_closed(_socket.get_close_code(), _socket.get_close_reason())
		return
	if _socket.get_connection_status() == 2: # CONNECTION_CONNECTED
		var peer = _socket.get_peer(1)
		while peer.get_available_packet_count() > 0:
			_handle(Compat.utf8_string(peer.get_packet()))


func _state_open():
	if Compat.is_godot4():
		return _socket.get_ready_state() == 1 # STATE_OPEN
	return _socket.get_connection_status() == 2


func _handle(text):
	var frame = Json.decode(text)
	if Json.is_error(frame) or typeof(frame) != TYPE_DICTIONARY:
		emit_signal("error", "INVALID_MESSAGE", "the gateway sent something that is not JSON")
		return
	var event_name = frame.get("event", "")
	var data = frame.get("data", {})
	if data == null:
		data = {}
	if event_name == "welcome":
		user_id = str(data.get("user_id", ""))
		emit_signal("welcome", data)
	elif event_name == "enter_world_success":
		emit_signal("enter_world_success", data)
	elif event_name == "join_map_success":
		emit_signal("join_map_success", data)
	elif event_name == "error":
		emit_signal("error", data.get("code", ""), data.get("message", ""))
	elif event_name == "pong":
		emit_signal("pong")
	elif event_name == "reauth_success":
		emit_signal("reauth_success", data)
	elif event_name == "announcement":
		emit_signal("announcement", str(data.get("message", "")))
	elif event_name == "chat_message":
		emit_signal("chat_message", data)
	elif event_name == "chat_sent":
		emit_signal("chat_sent", data)
	elif event_name == "chat_history":
		emit_signal("chat_history", str(data.get("channel", "")), data.get("messages", []))
	elif event_name == "party_update":
		emit_signal("party_update", data)
	elif event_name == "party_invitation":
		emit_signal("party_invitation", data)
	elif event_name in ["party_invited", "party_joined", "party_left", "party_kicked", "chat_blocked", "chat_unblocked"]:
		emit_signal("chat_answer", event_name, data)


func _report_closed(code, reason):
	if _closed:
		return
	_closed = true
	emit_signal("closed", code, reason)


# Godot 3.x WebSocketClient signals.
func _on_established(_protocol):
	_open = true


func _on_close_request(code, reason):
	_close_code = code
	_close_reason = reason


func _on_closed(_was_clean):
	_report_closed(_close_code if _close_code >= 0 else 1006, _close_reason)


func _on_error():
	_report_closed(1006, "connection failed")
