# Unit checks of the addon's pure parts, in the engine: JSON, prediction, and the codec's refusals
# of hostile bytes. Exit code 0 when all pass. Headless:
#   xvfb-run -a godot3 --no-window --path godot3 -s res://test/run_units.gd
extends SceneTree

const Json = preload("res://addons/mmo_backend/json.gd")
const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Prediction = preload("res://addons/mmo_backend/prediction.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")
const ChatBox = preload("res://addons/mmo_backend/chat_box.gd")

var failures = 0
var checks = 0


func _init():
	_json()
	_prediction()
	_hostile_bytes()
	_chat_box()
	print("units: %d passed, %d failed" % [checks - failures, failures])
	quit(0 if failures == 0 else 1)


func _json():
	var value = {"name": "Ünsal \"the\" \\ brave\n", "level": 3, "ratio": 0.25, "tags": ["a", 1, true, null], "nested": {}}
	var again = Json.decode(Json.encode(value))
	_check(again["name"] == value["name"], "json string round trip: " + str(again["name"]))
	_check(typeof(again["level"]) == TYPE_INT and again["level"] == 3, "json int stays int")
	_check(abs(again["ratio"] - 0.25) < 1e-9, "json float")
	_check(again["tags"].size() == 4 and again["tags"][2] == true and again["tags"][3] == null, "json array")
	_check(Json.decode("{\"a\": \"\\u00e9\\ud83d\\ude00\"}")["a"].length() == 2, "json unicode escapes and surrogates")
	_check(Json.is_error(Json.decode("{\"a\": 1")), "json: unterminated object is an error")
	_check(Json.is_error(Json.decode("[1, 2] x")), "json: trailing garbage is an error")
	_check(Json.is_error(Json.decode("")), "json: empty text is an error")


func _prediction():
	var p = Prediction.new(100, 100, 100, 20) # 5 px per input
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


func _hostile_bytes():
	var truncated = _bytes([0x17, 0x81]) # MoveInput with its floats missing
	_check(Kryo.decode(truncated)["type"] == "", "codec: truncated message refused")
	_check(Kryo.decode(_bytes([0x7f]))["type"] == "", "codec: unknown class id refused")
	var huge = _bytes([0x1a, 1, 1, 1, 1, 0xff, 0xff, 0x03]) # Snapshot claiming 65,535 entries
	_check(Kryo.decode(huge)["type"] == "", "codec: absurd snapshot count refused")
	var endless = _bytes([0x19, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
	_check(Kryo.decode(endless)["type"] == "", "codec: endless varint refused")
	var endless_length = _bytes([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
	_check(Kryo.decode(endless_length)["type"] == "", "codec: endless string length refused")
	var extra = Kryo.encode({"type": "EntityLeft", "id": 5})
	extra.append(0)
	_check(Kryo.decode(extra)["type"] == "", "codec: bytes left over refused")
	var framed = Kryo.frame(Kryo.encode({"type": "KeepAlive"}))
	_check(framed.size() == 5 and framed[3] == 1 and framed[4] == 0x0e, "codec: TCP frame is a 4-byte length then the message")


func _check(ok, what):
	checks += 1
	if not ok:
		failures += 1
		print("FAIL ", what)


func _near(a, b):
	return abs(a - b) < 0.001


func _bytes(values):
	var bytes = Compat.empty_bytes()
	for v in values:
		bytes.append(v)
	return bytes


func _chat_box():
	var box = ChatBox.new()
	var said = box.parse("  hello there ")
	_check(said[0] == "chat_send" and said[1]["channel"] == "map" and said[1]["text"] == "hello there", "chat: a plain line is map chat")
	var whisper = box.parse("/w Alice meet me at the gate")
	_check(whisper[0] == "chat_send" and whisper[1]["channel"] == "whisper" and whisper[1]["to"] == "Alice"
		and whisper[1]["text"] == "meet me at the gate", "chat: /w Name text whispers")
	_check(box.parse("/world hi")[1]["channel"] == "world" and box.parse("/p go")[1]["channel"] == "party", "chat: /world and /p")
	_check(box.parse("/invite Bob")[0] == "party_invite" and box.parse("/block Bob")[1]["name"] == "Bob", "chat: /invite and /block")
	_check(box.parse("/accept")[0] == "", "chat: /accept without an invitation is a hint")
	box.on_party_invitation({"party_id": "17", "from": {"character_id": "4", "name": "Bob"}, "expires_in": 60})
	var accept = box.parse("/accept")
	_check(accept[0] == "party_accept" and accept[1]["party_id"] == "17", "chat: /accept joins the last invitation")
	_check(box.parse("/w Alice")[0] == "" and box.parse("/kick")[0] == "" and box.parse("/dance")[0] == "", "chat: bad commands are hints")
	box.on_chat_message({"channel": "whisper", "from": {"name": "Bob"}, "to": {"name": "Alice"}, "text": "psst"})
	_check(box.lines[box.lines.size() - 1] == "[whisper] Bob -> Alice: psst", "chat: a whisper line: " + str(box.lines[box.lines.size() - 1]))
	box.on_party_update({"party_id": "17", "members": [{"name": "Bob"}, {"name": "Alice"}]})
	_check(box.lines[box.lines.size() - 1] == "-- party: Bob, Alice --", "chat: party members")
	for i in range(150):
		box.add("line %d" % i)
	_check(box.lines.size() == ChatBox.MAX_LINES and box.lines[ChatBox.MAX_LINES - 1] == "line 149", "chat: the box keeps the last lines")
