extends SceneTree
## Unit checks of the addon in the engine: JSON and its refusals, prediction, the codec (MapLayout
## included) and its refusals of hostile bytes, the chat box, the gateway's frames, and
## MapConnection and AuthApi against fake servers on loopback (a TCP/UDP map server, an HTTP
## auth-service). Prints "units: N passed, M failed"; exit code 0 when all pass. Headless:
##   cd godot && ../scripts/godot4.sh run --headless --path . -s res://test/run_units.gd

const Json = preload("res://addons/mmo_backend/json.gd")
const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Prediction = preload("res://addons/mmo_backend/prediction.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")
const ChatBox = preload("res://addons/mmo_backend/chat_box.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")

const PUMP_TIMEOUT_MSEC := 5000
## A map definition like content/maps/1.json, with a name beyond ASCII (UTF-8 on the wire).
const DEFINITION := """{"id": 1, "name": "Grünfeld Meadows", "tile_size": 32,
"legend": {".": "grass", "#": "wall", "~": "water"}, "blocked": "#~", "spawn": {"x": 48, "y": 48},
"tiles": ["#####", "#..~#", "#...#", "#####"],
"gates": [{"name": "To Darkwood", "area": {"x": 3, "y": 1, "w": 1, "h": 1}, "target_map": 2, "target": {"x": 112, "y": 208}}],
"mob_zones": [{"mob": "slime", "count": 2, "area": {"x": 1, "y": 1, "w": 3, "h": 2}}]}"""

var failures: int = 0
var checks: int = 0


func _init() -> void:
	_json()
	_prediction()
	_codec()
	_map_layout_codec()
	_hostile_bytes()
	_chat_box()
	_gateway_frames()
	_gateway_socket()
	_compat()
	_map_connection()
	_map_connection_refusals()
	_auth_api()
	print("units: %d passed, %d failed" % [checks - failures, failures])
	quit(0 if failures == 0 else 1)


func _json() -> void:
	var value := {"name": "Ünsal \"the\" \\ brave\n", "level": 3, "ratio": 0.25, "tags": ["a", 1, true, null], "nested": {}}
	var again: Dictionary = Json.decode(Json.encode(value))
	_check(again["name"] == value["name"], "json string round trip: " + str(again["name"]))
	_check(again["level"] is int and again["level"] == 3, "json int stays int")
	_check(again["ratio"] is float and absf(again["ratio"] - 0.25) < 1e-9, "json float")
	_check(again["tags"].size() == 4 and again["tags"][2] == true and again["tags"][3] == null, "json array")
	_check(again["nested"] is Dictionary and again["nested"].is_empty(), "json empty object")
	_check(Json.decode("{\"a\": \"\\u00e9\\ud83d\\ude00\"}")["a"].length() == 2, "json unicode escapes and surrogates")
	_check(Json.decode("[1.0, 2.5, 1e3]") == [1, 2.5, 1000], "json whole numbers are ints, others floats")
	_check(Json.decode("12345678901234567890") is float, "json: an integer beyond 2^53 stays a float")
	_check(Json.is_error(Json.decode("{\"a\": 1")), "json: unterminated object is an error")
	_check(Json.is_error(Json.decode("[1, 2] x")), "json: trailing garbage is an error")
	_check(Json.is_error(Json.decode("")), "json: empty text is an error")
	_check(Json.is_error(Json.decode("{\"a\": \"\\ud800\"}")), "json: a lone surrogate is an error")
	var deep := "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)
	_check(Json.is_error(Json.decode(deep)), "json: nesting deeper than MAX_DEPTH is refused")
	var deep_enough := "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH)
	_check(not Json.is_error(Json.decode(deep_enough)), "json: nesting of MAX_DEPTH is taken")
	_check(Json.is_error(Json.decode("[".repeat(100000))), "json: an endless nesting is refused")
	_check(Json.is_error(Json.decode(" ".repeat(Json.MAX_TEXT_CHARS) + "1")), "json: text over MAX_TEXT_CHARS is refused")
	_check(Json.decode_utf8("{\"a\": \"é\"}".to_utf8_buffer())["a"] == "é", "json: UTF-8 bytes decode")
	_check(Json.is_error(Json.decode_utf8(PackedByteArray([0x22, 0xff, 0x22]))), "json: bytes that are not UTF-8 are refused")
	_check(Json.is_error(Json.decode_utf8(PackedByteArray([0x22, 0xed, 0xa0, 0x80, 0x22]))), "json: an encoded surrogate is refused")
	_check(Json.is_error(Json.decode_utf8(PackedByteArray([0x22, 0xc0, 0xa2, 0x22]))), "json: an overlong form is refused")
	_check(Json.is_error(Json.decode_utf8(PackedByteArray([0x22, 0xe2, 0x82]))), "json: a cut sequence is refused")
	_check(Json.is_utf8("😀 ü €".to_utf8_buffer()), "json: 2, 3 and 4-byte UTF-8 is UTF-8")


func _prediction() -> void:
	var p := Prediction.new(100, 100, 100, 20) # 5 px per input
	p.apply_input(1, 1, 0)
	p.apply_input(2, 3, 4) # longer than 1: shortened to (0.6, 0.8)
	_check(_near(p.x, 108) and _near(p.y, 104), "prediction applies inputs at once: %s, %s" % [p.x, p.y])
	p.reconcile(1, 106, 100) # the server did input 1 and stands at (106, 100): replay input 2
	_check(_near(p.x, 109) and _near(p.y, 104) and p.pending_inputs() == 1, "prediction replays after ack_seq")
	_check(_near(p.last_correction, 1), "prediction reports the correction")
	p.reconcile(0, 0, 0) # an older datagram arriving late
	_check(_near(p.x, 109), "prediction ignores an older ack_seq")
	p.reset(5, 6)
	_check(p.pending_inputs() == 0 and _near(p.x, 5), "prediction reset")


func _codec() -> void:
	_check(_hex(Kryo.encode({"type": "RegisterTCP", "connection_id": 300})) == "0cd804", "codec: RegisterTCP(300)")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": "abc"})) == "166162e3", "codec: an ASCII string")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": "a"})) == "168261", "codec: a 1-character string")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": ""})) == "1681", "codec: the empty string")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": null})) == "1680", "codec: null")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": "x".repeat(70)})).begins_with("16c70178"), "codec: 70 characters: c7 01 then the bytes")
	_check(_hex(Kryo.encode({"type": "Authenticate", "ticket": "é😀"})) == "1684c3a9eda0bdedb880", "codec: non-ASCII as Kryo's UTF-8, a surrogate pair as two units")
	for text: String in ["ab", "é😀", "x".repeat(63), "x".repeat(64), "ü".repeat(4000)]:
		var back := Kryo.decode(Kryo.encode({"type": "Authenticate", "ticket": text}))
		_check(back.get("ticket") == text, "codec: string of %d characters round trip" % text.length())
	var progress := {"type": "Progress", "level": 7, "exp": 1 << 40, "next_level_exp": -1, "max_hp": 120,
		"max_mp": 40, "attack": 12, "defense": 9}
	var back_progress := Kryo.decode(Kryo.encode(progress))
	_check(back_progress == progress, "codec: varlongs up to 64 bits round trip: " + str(back_progress))
	var died := {"type": "Died", "killer_id": 4, "respawn_ticks": 100, "respawn_x": 400.5, "respawn_y": -3.25}
	_check(Kryo.decode(Kryo.encode(died)) == died, "codec: floats round trip")
	var ping := {"type": "RegisterUDP", "connection_id": -123456}
	_check(Kryo.decode(Kryo.encode(ping)) == ping, "codec: negative svarint round trip")
	var snapshot := {"type": "Snapshot", "tick": 9, "ack_seq": 3, "origin_qx": 1600, "origin_qy": 1200, "entries": [
		{"id": 1, "flags": 7, "dqx": -4, "dqy": 8, "hp": 50, "state": 1}, {"id": 2, "flags": 0}]}
	var back_snapshot := Kryo.decode(Kryo.encode(snapshot))
	_check(back_snapshot.get("entries", []).size() == 2 and back_snapshot["entries"][0]["dqx"] == -4
		and back_snapshot["entries"][0]["state"] == 1, "codec: snapshot entries round trip")
	_check(Kryo.id_of("MapLayoutRequest") == 34 and Kryo.id_of("MapLayout") == 35 and Kryo.id_of("Nope") == -1, "codec: ids of the new messages")


func _map_layout_codec() -> void:
	_check(_hex(Kryo.encode({"type": "MapLayoutRequest"})) == "24", "codec: MapLayoutRequest is its class id alone")
	_check(Kryo.decode(PackedByteArray([0x24])) == {"type": "MapLayoutRequest"}, "codec: MapLayoutRequest decodes")
	var small := Kryo.encode({"type": "MapLayout", "map_id": 2, "definition": "{}"})
	_check(_hex(small) == "25027bfd", "codec: MapLayout with a short definition: " + _hex(small))
	var layout := {"type": "MapLayout", "map_id": 1, "definition": DEFINITION}
	var bytes := Kryo.encode(layout)
	var units := DEFINITION.length() + 1 # + 1: Kryo's length counts null as 0
	var expected_start := "2501%02x%02x" % [0xC0 | (units & 0x3f), units >> 6]
	_check(_hex(bytes.slice(0, 4)) == expected_start, "codec: MapLayout's definition length in 6 then 7 bits: " + _hex(bytes.slice(0, 4)))
	_check(Kryo.decode(bytes) == layout, "codec: MapLayout round trip")
	var big_map := {"id": 9, "tiles": []}
	for row in 200:
		big_map["tiles"].append(".".repeat(200))
	var big := {"type": "MapLayout", "map_id": 9, "definition": Json.encode(big_map)}
	_check(big["definition"].length() > 40000 and Kryo.decode(Kryo.encode(big)) == big, "codec: a 200 x 200 definition round trip (%d characters)" % big["definition"].length())
	var too_big := {"type": "MapLayout", "map_id": 9, "definition": "x".repeat(Kryo.MAX_DEFINITION_CHARS + 1)}
	_check(Kryo.decode(Kryo.encode(too_big))["type"] == "", "codec: a definition over MAX_DEFINITION_CHARS is refused")
	var cut := bytes.slice(0, bytes.size() - 1)
	_check(Kryo.decode(cut)["type"] == "", "codec: a truncated MapLayout is refused")


func _hostile_bytes() -> void:
	_check(Kryo.decode(PackedByteArray())["type"] == "", "codec: no bytes refused")
	_check(Kryo.decode(PackedByteArray([0x19, 0x81]))["type"] == "", "codec: truncated message refused")
	_check(Kryo.decode(PackedByteArray([0x7f]))["type"] == "", "codec: unknown class id refused")
	_check(Kryo.decode(PackedByteArray([0x01, 0x61]))["type"] == "", "codec: a class by name refused")
	var huge := PackedByteArray([0x1a, 1, 1, 1, 1, 0xff, 0xff, 0x03]) # Snapshot claiming 65,535 entries
	_check(Kryo.decode(huge)["type"] == "", "codec: absurd snapshot count refused")
	var more_than_sent := PackedByteArray([0x1a, 1, 1, 1, 1, 100, 1, 0]) # 100 entries, one sent
	_check(Kryo.decode(more_than_sent)["type"] == "", "codec: a snapshot count beyond the bytes refused")
	# InventoryUpdate (id 37 + 2): full, then 60 entries announced with none there; then 65, over the cap
	_check(Kryo.decode(PackedByteArray([39, 1, 60]))["type"] == "", "codec: an inventory count beyond the bytes refused")
	var over_cap := PackedByteArray([39, 1, 65])
	over_cap.resize(3 + 65 * 4)
	_check(Kryo.decode(over_cap).get("error", "").contains("over"), "codec: an inventory count over its cap refused")
	var trade_update := {"type": "TradeUpdate", "trade_id": 3, "state": 2, "partner_id": 9, "partner_name": "Bo",
		"mine": [{"slot": 1, "item_id": 5000000000, "type_id": 10, "quantity": 7}], "theirs": [], "flags": 5, "reason": null}
	var back := Kryo.decode(Kryo.encode(trade_update))
	_check(back["type"] == "TradeUpdate" and back["mine"][0]["item_id"] == 5000000000 and back["flags"] == 5,
		"codec: a TradeUpdate round-trips with a 64-bit item id")
	var endless := PackedByteArray([0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
	_check(Kryo.decode(endless)["type"] == "", "codec: endless varint refused")
	var endless_length := PackedByteArray([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
	_check(Kryo.decode(endless_length)["type"] == "", "codec: endless string length refused")
	var claimed := PackedByteArray([0x16, 0xc0 | 0x3f, 0x7f]) # Authenticate: a ticket of 8,190 characters, none sent
	_check(Kryo.decode(claimed)["type"] == "", "codec: a string longer than its cap refused")
	var claimed_small := PackedByteArray([0x16, 0x8a, 0x61]) # 9 characters declared, 1 sent
	_check(Kryo.decode(claimed_small)["type"] == "", "codec: a string longer than the message refused")
	var unterminated := PackedByteArray([0x16, 0x61, 0x62, 0x63]) # ASCII without its last byte
	_check(Kryo.decode(unterminated)["type"] == "", "codec: an ASCII string without its end refused")
	var bad_utf8 := PackedByteArray([0x16, 0x83, 0x61, 0xff])
	_check(Kryo.decode(bad_utf8)["type"] == "", "codec: a byte Kryo never writes in a string refused")
	var lone := Kryo.decode(PackedByteArray([0x16, 0x83, 0xed, 0xa0, 0x80, 0x61]))
	_check(lone.get("ticket") == "\ufffda", "codec: a lone surrogate becomes U+FFFD")
	var nan := PackedByteArray([0x22, 5, 1, 0x7f, 0xc0, 0, 0, 0, 0, 0, 0]) # Died with respawn_x NaN
	_check(Kryo.decode(nan).get("error", "").contains("finite"), "codec: a float that is not finite refused")
	var extra := Kryo.encode({"type": "EntityLeft", "id": 5})
	extra.append(0)
	_check(Kryo.decode(extra)["type"] == "", "codec: bytes left over refused")
	var framed := Kryo.frame(Kryo.encode({"type": "KeepAlive"}))
	_check(framed.size() == 5 and framed[3] == 1 and framed[4] == 0x0e, "codec: TCP frame is a 4-byte length then the message")
	var noise := RandomNumberGenerator.new()
	noise.seed = 7
	var refused := 0
	for i in 2000:
		var junk := PackedByteArray()
		for k in noise.randi_range(0, 40):
			junk.append(noise.randi_range(0, 255))
		if Kryo.decode(junk)["type"] == "":
			refused += 1
	_check(refused > 1000, "codec: random bytes decode quietly (%d of 2000 refused)" % refused)


func _chat_box() -> void:
	var box := ChatBox.new()
	var said := box.parse("  hello there ")
	_check(said[0] == "chat_send" and said[1]["channel"] == "map" and said[1]["text"] == "hello there", "chat: a plain line is map chat")
	var whisper := box.parse("/w Alice meet me at the gate")
	_check(whisper[0] == "chat_send" and whisper[1]["channel"] == "whisper" and whisper[1]["to"] == "Alice"
		and whisper[1]["text"] == "meet me at the gate", "chat: /w Name text whispers")
	_check(box.parse("/world hi")[1]["channel"] == "world" and box.parse("/p go")[1]["channel"] == "party", "chat: /world and /p")
	_check(box.parse("/invite Bob")[0] == "party_invite" and box.parse("/block Bob")[1]["name"] == "Bob", "chat: /invite and /block")
	_check(box.parse("/history world") == ["chat_history", {"channel": "world"}] and box.parse("/history x")[0] == "", "chat: /history")
	_check(box.parse("/accept")[0] == "", "chat: /accept without an invitation is a hint")
	box.on_party_invitation({"party_id": "17", "from": {"character_id": "4", "name": "Bob"}, "expires_in": 60})
	var accept := box.parse("/accept")
	_check(accept[0] == "party_accept" and accept[1]["party_id"] == "17", "chat: /accept joins the last invitation")
	_check(box.parse("/w Alice")[0] == "" and box.parse("/kick")[0] == "" and box.parse("/dance")[0] == "", "chat: bad commands are hints")
	box.on_chat_message({"channel": "whisper", "from": {"name": "Bob"}, "to": {"name": "Alice"}, "text": "psst"})
	_check(box.lines[-1] == "[whisper] Bob -> Alice: psst", "chat: a whisper line: " + box.lines[-1])
	box.on_chat_message({"channel": "map", "from": "not a dictionary", "text": 5})
	_check(box.lines[-1] == "[map] ?: 5", "chat: a malformed line is shown, not fatal: " + box.lines[-1])
	box.on_party_update({"party_id": "17", "members": [{"name": "Bob"}, {"name": "Alice"}]})
	_check(box.lines[-1] == "-- party: Bob, Alice --", "chat: party members")
	box.on_party_update({"party_id": null, "reason": "left"})
	_check(box.lines[-1] == "-- you are in no party (left) --", "chat: no party any more")
	box.on_chat_history_received("map", [{"channel": "map", "from": {"name": "Ann"}, "text": "hi"}])
	_check(box.lines[-2] == "-- last 1 line(s) of map --" and box.lines[-1] == "[map] Ann: hi", "chat: on_chat_history_received")
	box.on_chat_history("world", [])
	_check(box.lines[-1] == "-- last 0 line(s) of world --", "chat: on_chat_history is kept as an alias")
	for i in 150:
		box.add("line %d" % i)
	_check(box.lines.size() == ChatBox.MAX_LINES and box.lines[ChatBox.MAX_LINES - 1] == "line 149", "chat: the box keeps the last lines")


func _gateway_frames() -> void:
	var gateway := GatewayConnection.new("ws://127.0.0.1:1/")
	_check(gateway.has_method("chat_history") and gateway.has_signal("chat_history_received"), "gateway: chat_history() asks, chat_history_received answers")
	var heard := {"history": [], "errors": [], "answers": [], "welcome": []}
	gateway.chat_history_received.connect(func(channel: String, messages: Array) -> void: heard["history"].append([channel, messages]))
	gateway.error.connect(func(code: String, _message: String) -> void: heard["errors"].append(code))
	gateway.chat_answer.connect(func(event_name: String, _data: Dictionary) -> void: heard["answers"].append(event_name))
	gateway.welcome.connect(func(data: Dictionary) -> void: heard["welcome"].append(data))
	var box := ChatBox.new()
	gateway.chat_history_received.connect(box.on_chat_history_received)
	_check(Compat.connect_signal(gateway, "chat_history_received", box, "on_chat_history") == OK, "gateway: Compat.connect_signal connects a handler by name")
	gateway._handle("{\"event\": \"chat_history\", \"data\": {\"channel\": \"map\", \"messages\": [{\"channel\": \"map\", \"from\": {\"name\": \"Ann\"}, \"text\": \"hi\"}, 5]}}".to_utf8_buffer())
	_check(heard["history"].size() == 1 and heard["history"][0][0] == "map" and heard["history"][0][1].size() == 1,
		"gateway: chat_history arrives as chat_history_received(channel, messages)")
	_check(box.lines.size() == 4 and box.lines[1] == "[map] Ann: hi", "gateway: the chat box hears the history")
	gateway._handle("{\"event\": \"chat_history\", \"data\": {\"channel\": \"map\", \"messages\": \"nope\"}}".to_utf8_buffer())
	_check(heard["history"].size() == 2 and heard["history"][1][1].is_empty(), "gateway: malformed history is an empty list")
	gateway._handle("{\"event\": \"welcome\", \"data\": {\"message\": \"hi\", \"user_id\": 42}}".to_utf8_buffer())
	_check(gateway.user_id == "42" and heard["welcome"].size() == 1, "gateway: welcome keeps user_id")
	var announced: Array[String] = []
	gateway.announcement.connect(func(message: String) -> void: announced.append(message))
	gateway._handle("{\"event\": \"announcement\", \"data\": {\"message\": \"Maintenance at noon\"}}".to_utf8_buffer())
	_check(announced == ["Maintenance at noon"], "gateway: announcement(message)")
	gateway._handle("{\"event\": \"party_joined\", \"data\": 7}".to_utf8_buffer())
	_check(heard["answers"] == ["party_joined"], "gateway: a chat answer whose data is not an object")
	for junk: PackedByteArray in [PackedByteArray([0xff, 0x7b]), "[1, 2]".to_utf8_buffer(), "nope".to_utf8_buffer(), PackedByteArray()]:
		gateway._handle(junk)
	_check(heard["errors"] == ["INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE"], "gateway: frames that are not a JSON object are INVALID_MESSAGE")
	_check(gateway.chat_history("map") == ERR_UNCONFIGURED and not gateway.is_open(), "gateway: sending before open is refused quietly")


# GatewayConnection against a fake gateway on loopback (the engine's own WebSocketPeer as the server):
# the token in the URL, frames both ways, the close code and reason.
func _gateway_socket() -> void:
	var server := TCPServer.new()
	if server.listen(0, "127.0.0.1") != OK:
		_check(false, "gateway: cannot listen on loopback")
		return
	var gateway := GatewayConnection.new("ws://127.0.0.1:%d/" % server.get_local_port())
	var heard := {"welcome": [], "closed": []}
	gateway.welcome.connect(func(data: Dictionary) -> void: heard["welcome"].append(data))
	gateway.closed.connect(func(code: int, reason: String) -> void: heard["closed"].append([code, reason]))
	_check(gateway.open("token-1") == OK, "gateway: open")
	if not _pump(func() -> bool: return server.is_connection_available(), [gateway]):
		_check(false, "gateway: connects")
		return
	var fake := WebSocketPeer.new()
	fake.accept_stream(server.take_connection())
	_check(_pump(func() -> bool: return gateway.is_open() and fake.get_ready_state() == WebSocketPeer.STATE_OPEN, [gateway, fake]),
		"gateway: the WebSocket handshake")
	_check(fake.get_requested_url().ends_with("/ws?token=token-1"), "gateway: the token goes in the URL: " + fake.get_requested_url())
	fake.send_text("{\"event\": \"welcome\", \"data\": {\"message\": \"Welcome\", \"user_id\": \"7\"}}")
	_check(_pump(func() -> bool: return heard["welcome"].size() > 0, [gateway, fake]) and gateway.user_id == "7", "gateway: welcome arrives")
	_check(gateway.enter_world(12) == OK, "gateway: enter_world sends")
	_check(_pump(func() -> bool: return fake.get_available_packet_count() > 0, [gateway, fake]), "gateway: the server hears it")
	if fake.get_available_packet_count() > 0:
		var frame: Variant = Json.decode_utf8(fake.get_packet())
		_check(frame == {"event": "enter_world", "data": {"character_id": "12"}}, "gateway: enter_world's frame: " + str(frame))
	fake.close(1008, "Invalid token")
	_check(_pump(func() -> bool: return heard["closed"].size() > 0, [gateway, fake]), "gateway: closed arrives")
	_check(heard["closed"] == [[1008, "Invalid token"]] and not gateway.is_open(), "gateway: the close code and reason: " + str(heard["closed"]))
	_check(gateway.ping() == ERR_UNCONFIGURED, "gateway: nothing is sent after closed")
	server.stop()


func _compat() -> void:
	_check(Compat.is_godot4(), "compat: is_godot4")
	_check(Compat.ticks_msec() == Time.get_ticks_msec() or Compat.ticks_msec() > 0, "compat: ticks_msec")
	_check(Compat.utf8_string(Compat.utf8_bytes("héllo")) == "héllo", "compat: UTF-8 both ways")
	_check(Compat.empty_bytes().is_empty() and Compat.instantiate("StreamPeerBuffer") is StreamPeerBuffer, "compat: empty_bytes, instantiate")
	var text: Variant = Compat.read_text("res://test/run_units.gd")
	_check(text is String and text.begins_with("extends SceneTree"), "compat: read_text")
	_check(Compat.read_text("res://test/no_such_file.txt") == null, "compat: read_text of a missing file is null")


# MapConnection against a fake map server on loopback: the KryoNet handshake, Welcome, the layout
# asked before Welcome and sent after it, once; garbage over UDP dropped.
func _map_connection() -> void:
	var server := TCPServer.new()
	if server.listen(0, "127.0.0.1") != OK:
		_check(false, "map: cannot listen on loopback")
		return
	var port := server.get_local_port()
	var udp := PacketPeerUDP.new()
	udp.bind(port, "127.0.0.1")
	var map := MapConnection.new()
	var seen := {"layout": [], "welcome": 0, "rejected": [], "closed": 0}
	map.map_layout.connect(func(data: Dictionary) -> void: seen["layout"].append(data))
	map.welcome.connect(func(_msg: Dictionary) -> void: seen["welcome"] += 1)
	map.rejected.connect(func(code: String, _message: String) -> void: seen["rejected"].append(code))
	map.closed.connect(func() -> void: seen["closed"] += 1)
	_check(map.open("127.0.0.1", 0, "t") == ERR_INVALID_PARAMETER, "map: open refuses port 0 quietly")
	_check(map.open("127.0.0.1", port, "ticket-1") == OK, "map: open")
	map.request_map_layout() # before Welcome: sent once Welcome has come
	var link := _FakeLink.new()
	_check(_pump(func() -> bool: return server.is_connection_available(), [map]), "map: connects over TCP")
	if not server.is_connection_available():
		return
	link.peer = server.take_connection()
	link.send({"type": "RegisterTCP", "connection_id": 77})
	_check(_pump(func() -> bool: return udp.get_available_packet_count() > 0, [map]), "map: sends RegisterUDP over UDP")
	var register := Kryo.decode(udp.get_packet())
	_check(register == {"type": "RegisterUDP", "connection_id": 77}, "map: RegisterUDP carries the connection id: " + str(register))
	udp.set_dest_address(udp.get_packet_ip(), udp.get_packet_port())
	link.send({"type": "RegisterUDP", "connection_id": 77})
	var authenticate := link.next(map)
	_check(authenticate == {"type": "Authenticate", "ticket": "ticket-1"}, "map: Authenticate with the ticket: " + str(authenticate))
	link.send({"type": "Welcome", "entity_id": 5, "character_id": "c-1", "name": "Ann", "class_id": 1, "map_id": 1,
		"channel": 1, "channel_count": 2, "tick_rate": 20, "x": 48.0, "y": 48.0, "view_radius": 640.0, "level": 1,
		"exp": 0, "next_level_exp": 100, "hp": 100, "max_hp": 100, "mp": 50, "max_mp": 50, "attack": 10,
		"defense": 5, "speed": 160.0, "attack_range": 48.0})
	var request := link.next(map)
	_check(seen["welcome"] == 1 and map.entity_id == 5 and map.prediction != null, "map: welcome")
	_check(request == {"type": "MapLayoutRequest"}, "map: the layout asked before Welcome is requested after it: " + str(request))
	var listing := link.next(map)
	_check(listing == {"type": "ItemAction", "action": 8, "source": 0, "target": 0, "quantity": 0},
		"map: after Welcome the client says it speaks items (ItemAction LIST): " + str(listing))
	map.request_map_layout()
	link.send({"type": "MapLayout", "map_id": 1, "definition": DEFINITION})
	_check(_pump(func() -> bool: return seen["layout"].size() > 0, [map]), "map: map_layout arrives")
	if seen["layout"].size() > 0:
		var data: Dictionary = seen["layout"][0]
		_check(data["type"] == "MapLayout" and data["map_id"] == 1 and data["definition"] == DEFINITION, "map: map_layout carries the message")
		_check(data["map"]["name"] == "Grünfeld Meadows" and data["map"]["tiles"].size() == 4 and data["map"]["tile_size"] is int,
			"map: map_layout carries the parsed definition")
		_check(map.layout == data["map"], "map: the layout is kept in layout")
	_check(link.next(map, 300).is_empty(), "map: a second request_map_layout sends nothing")
	udp.put_packet(PackedByteArray([0x7f, 1, 2]))
	link.send({"type": "MapLayout", "map_id": 1, "definition": "not json"})
	_check(_pump(func() -> bool: return seen["layout"].size() > 1, [map]), "map: a second MapLayout arrives")
	_check(map.messages_dropped == 1 and map.is_connected_to_map(), "map: a garbage datagram is dropped and counted")
	if seen["layout"].size() > 1:
		_check(seen["layout"][1]["map"] == {} and map.layout == {}, "map: a definition that is not JSON gives an empty map")
	link.send_raw(PackedByteArray([0, 1, 0, 1])) # a frame of 65,537 bytes
	_check(_pump(func() -> bool: return seen["closed"] > 0, [map]), "map: an oversized frame ends the connection")
	_check(seen["rejected"] == ["PROTOCOL_ERROR"] and seen["closed"] == 1 and not map.is_connected_to_map(),
		"map: ... with rejected PROTOCOL_ERROR then closed: " + str(seen))
	link.peer.disconnect_from_host()
	udp.close()
	server.stop()


# Undecodable frames and a server that drops the connection, each on a connection of its own.
func _map_connection_refusals() -> void:
	var server := TCPServer.new()
	if server.listen(0, "127.0.0.1") != OK:
		_check(false, "map: cannot listen on loopback")
		return
	var port := server.get_local_port()
	for hostile: PackedByteArray in [Kryo.frame(PackedByteArray([0x7f])), Kryo.frame(PackedByteArray([0x16, 0xc0 | 0x3f, 0x7f])),
			Kryo.frame(PackedByteArray()), PackedByteArray()]:
		var map := MapConnection.new()
		var seen := {"rejected": [], "closed": 0}
		map.rejected.connect(func(code: String, _message: String) -> void: seen["rejected"].append(code))
		map.closed.connect(func() -> void: seen["closed"] += 1)
		map.open("127.0.0.1", port, "t")
		if not _pump(func() -> bool: return server.is_connection_available(), [map]):
			_check(false, "map: no connection")
			continue
		var peer := server.take_connection()
		if hostile.is_empty():
			peer.disconnect_from_host() # the server goes away
		else:
			peer.put_data(hostile)
		_pump(func() -> bool: return seen["closed"] > 0, [map])
		var expected: Array = [] if hostile.is_empty() else ["PROTOCOL_ERROR"]
		_check(seen["closed"] == 1 and seen["rejected"] == expected, "map: %s ends the connection quietly: %s"
			% ["a dropped connection" if hostile.is_empty() else "frame " + _hex(hostile), str(seen)])
		peer.disconnect_from_host()
	server.stop()


# AuthApi against a fake auth-service: a login starts the session, a 401 refreshes and retries,
# an answer that is not JSON is INVALID_RESPONSE, a closed port is UNREACHABLE.
func _auth_api() -> void:
	var server := TCPServer.new()
	if server.listen(0, "127.0.0.1") != OK:
		_check(false, "auth: cannot listen on loopback")
		return
	var auth := AuthApi.new("http://127.0.0.1:%d/" % server.get_local_port())
	var results: Array = []
	var sessions: Array = []
	auth.completed.connect(func(id: int, ok: bool, status: int, data: Variant) -> void: results.append([id, ok, status, data]))
	auth.session_changed.connect(func(session: Dictionary) -> void: sessions.append(session))
	var http := _FakeHttp.new(server)
	var login_id := auth.login("ann", "pw")
	var login_request := http.answer(auth, 200, "{\"access_token\": \"a1\", \"refresh_token\": \"r1\", \"user_id\": 9, \"expires_in\": 900}")
	_check(login_request.begins_with("POST /auth/login ") and login_request.contains("\"username\":\"ann\""), "auth: login posts the credentials")
	_pump(func() -> bool: return results.size() > 0, [auth])
	_check(results.size() == 1 and results[0][0] == login_id and results[0][1] and results[0][2] == 200, "auth: login completes: " + str(results))
	_check(sessions.size() == 1 and auth.access_token() == "a1" and auth.session["user_id"] == "9" and auth.session["expires_in"] == 900,
		"auth: the session: " + str(auth.session))
	results.clear()
	var list_id := auth.characters()
	var first := http.answer(auth, 401, "{\"code\": \"UNAUTHORIZED\", \"message\": \"expired\"}")
	var refresh := http.answer(auth, 200, "{\"access_token\": \"a2\", \"refresh_token\": \"r2\", \"user_id\": \"9\", \"expires_in\": 900}")
	var again := http.answer(auth, 200, "[{\"id\": \"c1\", \"name\": \"Ann\", \"level\": 3}]")
	_pump(func() -> bool: return results.size() > 0, [auth])
	_check(first.contains("Authorization: Bearer a1") and refresh.begins_with("POST /auth/refresh ") and refresh.contains("r1")
		and again.contains("Authorization: Bearer a2"), "auth: a 401 refreshes the tokens and retries")
	_check(results.size() == 1 and results[0][0] == list_id and results[0][1] and results[0][3] is Array
		and results[0][3][0]["level"] == 3, "auth: the retried request completes: " + str(results))
	results.clear()
	auth.classes()
	http.answer_bytes(auth, 200, PackedByteArray([0x5b, 0xff, 0x5d]))
	_pump(func() -> bool: return results.size() > 0, [auth])
	_check(results.size() == 1 and not results[0][1] and results[0][3] is Dictionary
		and results[0][3].get("code") == "INVALID_RESPONSE", "auth: an answer that is not UTF-8 JSON: " + str(results))
	results.clear()
	auth.classes()
	http.answer(auth, 404, "")
	_pump(func() -> bool: return results.size() > 0, [auth])
	_check(results.size() == 1 and not results[0][1] and results[0][3].get("code") == "HTTP_404", "auth: an error without a body: " + str(results))
	var port := server.get_local_port()
	server.stop()
	results.clear()
	var nowhere := AuthApi.new("http://127.0.0.1:%d" % port)
	nowhere.completed.connect(func(id: int, ok: bool, status: int, data: Variant) -> void: results.append([id, ok, status, data]))
	nowhere.classes()
	_pump(func() -> bool: return results.size() > 0, [nowhere])
	_check(results.size() == 1 and not results[0][1] and results[0][3].get("code") == "UNREACHABLE", "auth: a closed port is UNREACHABLE: " + str(results))


# Polls the objects until condition() holds or PUMP_TIMEOUT_MSEC pass; true when it held.
func _pump(condition: Callable, pollers: Array, timeout_msec: int = PUMP_TIMEOUT_MSEC) -> bool:
	var deadline := Time.get_ticks_msec() + timeout_msec
	while Time.get_ticks_msec() < deadline:
		for poller: Object in pollers:
			poller.call("poll")
		if condition.call():
			return true
		OS.delay_msec(2)
	return false


func _check(ok: bool, what: String) -> void:
	checks += 1
	if not ok:
		failures += 1
		print("FAIL ", what)


func _near(a: float, b: float) -> bool:
	return absf(a - b) < 0.001


func _hex(bytes: PackedByteArray) -> String:
	return bytes.hex_encode()


# The server's end of a fake map server's TCP connection: sends messages, reads the client's frames.
class _FakeLink:
	extends RefCounted

	var peer: StreamPeerTCP = null
	var _inbox := PackedByteArray()

	func send(message: Dictionary) -> void:
		send_raw(Kryo.frame(Kryo.encode(message)))

	func send_raw(bytes: PackedByteArray) -> void:
		peer.poll()
		peer.put_data(bytes)

	# The next message the client sends, or {} when none comes within timeout_msec.
	func next(map: MapConnection, timeout_msec: int = PUMP_TIMEOUT_MSEC) -> Dictionary:
		var deadline := Time.get_ticks_msec() + timeout_msec
		while Time.get_ticks_msec() < deadline:
			map.poll()
			peer.poll()
			var available := peer.get_available_bytes()
			if available > 0:
				_inbox.append_array(peer.get_data(available)[1])
			if _inbox.size() >= 4:
				var length := (_inbox[0] << 24) | (_inbox[1] << 16) | (_inbox[2] << 8) | _inbox[3]
				if _inbox.size() >= 4 + length:
					var message := Kryo.decode(_inbox.slice(4, 4 + length))
					_inbox = _inbox.slice(4 + length)
					if message["type"] != "KeepAlive":
						return message
			OS.delay_msec(2)
		return {}


# A fake auth-service: one connection per request, answered with a status and a body.
class _FakeHttp:
	extends RefCounted

	var _server: TCPServer

	func _init(server: TCPServer) -> void:
		_server = server

	func answer(auth: AuthApi, status: int, body: String) -> String:
		return answer_bytes(auth, status, body.to_utf8_buffer())

	# Waits for the next request (polling auth), answers it, and returns the request's text.
	func answer_bytes(auth: AuthApi, status: int, body: PackedByteArray) -> String:
		var deadline := Time.get_ticks_msec() + PUMP_TIMEOUT_MSEC
		var peer: StreamPeerTCP = null
		var request := PackedByteArray()
		while Time.get_ticks_msec() < deadline:
			auth.poll()
			if peer == null and _server.is_connection_available():
				peer = _server.take_connection()
			if peer != null:
				peer.poll()
				var available := peer.get_available_bytes()
				if available > 0:
					request.append_array(peer.get_data(available)[1])
				var text := request.get_string_from_utf8()
				var head_end := text.find("\r\n\r\n")
				if head_end >= 0 and text.length() >= head_end + 4 + _content_length(text):
					var head := "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % [status, body.size()]
					peer.put_data(head.to_utf8_buffer() + body)
					peer.disconnect_from_host()
					return text
			OS.delay_msec(2)
		return ""

	static func _content_length(text: String) -> int:
		for line in text.split("\r\n"):
			if line.to_lower().begins_with("content-length:"):
				return line.substr(15).strip_edges().to_int()
		return 0
