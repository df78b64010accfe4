# The map server's wire format in GDScript: what KryoNet 2.22 and Kryo 2.24 put on the wire for
# our registered messages (client/README.md, "Map server wire protocol", byte by byte).
# Messages are dictionaries: {"type": "MoveInput", "seq": 1, "dir_x": 0.0, "dir_y": 1.0}.
# Tested against godot/test/vectors/messages.json, the bytes the Java SDK and server produce.

const Compat = preload("res://addons/mmo_backend/compat.gd")

# Kryo writes a registered class as varint(id + 2). 10-14 are KryoNet's framework messages,
# 20-33 ours, in the frozen order of com.mmorpg.protocol.Protocol.
const NAMES = {
	10: "RegisterTCP", 11: "RegisterUDP", 12: "KeepAlive", 13: "DiscoverHost", 14: "Ping",
	20: "Authenticate", 21: "Welcome", 22: "Rejected", 23: "MoveInput", 24: "Snapshot",
	25: "EntityEntered", 26: "EntityLeft", 27: "ChangeChannel", 28: "ChannelChanged",
	29: "AttackRequest", 30: "CombatEvent", 31: "Progress", 32: "Died", 33: "MapTransfer",
}

# Fields in wire order: name and type (u = uvarint, s = svarint, l = uvarlong, f = float,
# b = byte, z = bool, t = string). Snapshot entries are handled apart.
const FIELDS = {
	"RegisterTCP": [["connection_id", "s"]],
	"RegisterUDP": [["connection_id", "s"]],
	"KeepAlive": [],
	"DiscoverHost": [],
	"Ping": [["id", "s"], ["is_reply", "z"]],
	"Authenticate": [["ticket", "t"]],
	"Welcome": [["entity_id", "u"], ["character_id", "t"], ["name", "t"], ["class_id", "u"], ["map_id", "u"],
		["channel", "u"], ["channel_count", "u"], ["tick_rate", "u"], ["x", "f"], ["y", "f"], ["view_radius", "f"],
		["level", "u"], ["exp", "l"], ["next_level_exp", "l"], ["hp", "u"], ["max_hp", "u"], ["mp", "u"],
		["max_mp", "u"], ["attack", "u"], ["defense", "u"], ["speed", "f"], ["attack_range", "f"]],
	"Rejected": [["code", "t"], ["message", "t"]],
	"MoveInput": [["seq", "u"], ["dir_x", "f"], ["dir_y", "f"]],
	"Snapshot": [["tick", "u"], ["ack_seq", "u"], ["origin_qx", "u"], ["origin_qy", "u"]],
	"EntityEntered": [["id", "u"], ["kind", "b"], ["type_id", "u"], ["name", "t"], ["level", "u"], ["x", "f"],
		["y", "f"], ["hp", "u"], ["max_hp", "u"], ["state", "b"]],
	"EntityLeft": [["id", "u"]],
	"ChangeChannel": [["channel", "u"]],
	"ChannelChanged": [["channel", "u"], ["accepted", "z"]],
	"AttackRequest": [["target_id", "u"]],
	"CombatEvent": [["attacker_id", "u"], ["target_id", "u"], ["damage", "u"], ["target_hp", "u"], ["killed", "z"]],
	"Progress": [["level", "u"], ["exp", "l"], ["next_level_exp", "l"], ["max_hp", "u"], ["max_mp", "u"],
		["attack", "u"], ["defense", "u"]],
	"Died": [["killer_id", "u"], ["respawn_ticks", "u"], ["respawn_x", "f"], ["respawn_y", "f"]],
	"MapTransfer": [["map_id", "u"], ["x", "f"], ["y", "f"]],
}

# Snapshot entry flags.
const POSITION = 1
const HP = 2
const STATE = 4
# Snapshot positions are in quarter pixels.
const UNITS_PER_PIXEL = 4.0


static func id_of(message_name):
	for id in NAMES.keys():
		if NAMES[id] == message_name:
			return id
	return -1


# Encodes a message dictionary to its bytes (without TCP's length prefix).
static func encode(message):
	var name = message["type"]
	var id = id_of(name)
	if id < 0:
		push_error("kryo: unknown message " + str(name))
		return Compat.empty_bytes()
	var out = StreamPeerBuffer.new()
	out.big_endian = true
	_uvarint(out, id + 2)
	for field in FIELDS[name]:
		_write(out, field[1], message.get(field[0]))
	if name == "Snapshot":
		var entries = message.get("entries", [])
		_uvarint(out, entries.size())
		for entry in entries:
			var flags = int(entry["flags"])
			_uvarint(out, entry["id"])
			out.put_u8(flags)
			if flags & POSITION:
				_svarint(out, entry["dqx"])
				_svarint(out, entry["dqy"])
			if flags & HP:
				_uvarint(out, entry["hp"])
			if flags & STATE:
				out.put_u8(int(entry["state"]) & 0xff)
	return out.data_array


# Decodes one message; returns {"type": name, ...fields} or {"type": "", "error": why}.
static func decode(bytes):
	var reader = {"buffer": StreamPeerBuffer.new(), "error": ""}
	reader.buffer.big_endian = true
	reader.buffer.data_array = bytes
	var class_id = _read_uvarint(reader) - 2
	if not NAMES.has(class_id):
		return {"type": "", "error": "unknown class id %d" % class_id}
	var name = NAMES[class_id]
	var message = {"type": name}
	for field in FIELDS[name]:
		message[field[0]] = _read(reader, field[1])
	if name == "Snapshot":
		var count = _read_uvarint(reader)
		if count > 2000:
			return {"type": "", "error": "snapshot count %d" % count}
		var entries = []
		for i in range(count):
			var entry = {"id": _read_uvarint(reader)}
			var flags = _read_u8(reader)
			entry["flags"] = flags
			if flags & POSITION:
				entry["dqx"] = _read_svarint(reader)
				entry["dqy"] = _read_svarint(reader)
			if flags & HP:
				entry["hp"] = _read_uvarint(reader)
			if flags & STATE:
				entry["state"] = _read_u8(reader)
			entries.append(entry)
		message["entries"] = entries
	if reader.error != "":
		return {"type": "", "error": reader.error}
	if reader.buffer.get_position() != bytes.size():
		return {"type": "", "error": "%d bytes left over" % (bytes.size() - reader.buffer.get_position())}
	return message


# TCP framing: a 4-byte big-endian length, then the message.
static func frame(bytes):
	var out = StreamPeerBuffer.new()
	out.big_endian = true
	out.put_u32(bytes.size())
	out.put_data(bytes)
	return out.data_array


static func _write(out, kind, value):
	if kind == "u":
		_uvarint(out, int(value))
	elif kind == "s":
		_svarint(out, int(value))
	elif kind == "l":
		_uvarint(out, int(value))
	elif kind == "f":
		out.put_float(float(value))
	elif kind == "b":
		out.put_u8(int(value) & 0xff)
	elif kind == "z":
		out.put_u8(1 if value else 0)
	elif kind == "t":
		_string(out, value)


static func _read(reader, kind):
	if kind == "u" or kind == "l":
		return _read_uvarint(reader)
	if kind == "s":
		return _read_svarint(reader)
	if kind == "f":
		if reader.buffer.get_available_bytes() < 4:
			reader.error = "truncated"
			return 0.0
		return reader.buffer.get_float()
	if kind == "b":
		var b = _read_u8(reader)
		return b - 256 if b > 127 else b
	if kind == "z":
		return _read_u8(reader) != 0
	if kind == "t":
		return _read_string(reader)
	return null


# Unsigned LEB128 (Kryo's writeVarInt(value, true) and writeVarLong for values below 2^56).
static func _uvarint(out, value):
	value = int(value)
	if value < 0:
		value = value & 0xFFFFFFFF
	while true:
		var low = value & 0x7f
		value = value >> 7
		if value == 0:
			out.put_u8(low)
			return
		out.put_u8(low | 0x80)


static func _svarint(out, value):
	var v = int(value)
	_uvarint(out, ((v << 1) ^ (v >> 31)) & 0xFFFFFFFF)


static func _read_u8(reader):
	if reader.buffer.get_available_bytes() < 1:
		reader.error = "truncated"
		return 0
	return reader.buffer.get_u8()


static func _read_uvarint(reader):
	var result = 0
	var shift = 0
	while shift < 63:
		var b = _read_u8(reader)
		if reader.error != "":
			return 0
		result |= (b & 0x7f) << shift
		if b & 0x80 == 0:
			return result
		shift += 7
	reader.error = "varint too long"
	return 0


static func _read_svarint(reader):
	var v = _read_uvarint(reader)
	var decoded = (v >> 1) ^ -(v & 1)
	return decoded


# Kryo 2.24 strings: 0x80 null, 0x81 empty; 2-63 ASCII characters as bytes with bit 7 set on the
# last; anything else a length (characters + 1, in 6 then 7-bit groups) and then each UTF-16 unit
# as 1-3 bytes.
static func _string(out, text):
	if text == null:
		out.put_u8(0x80)
		return
	var length = text.length()
	if length == 0:
		out.put_u8(0x81)
		return
	var ascii = length > 1 and length < 64
	if ascii:
		for i in range(length):
			if text.ord_at(i) > 127:
				ascii = false
				break
	if ascii:
		for i in range(length - 1):
			out.put_u8(text.ord_at(i))
		out.put_u8(text.ord_at(length - 1) | 0x80)
		return
	var units = []
	for i in range(length):
		var code = text.ord_at(i)
		if code >= 0x10000:
			code -= 0x10000
			units.append(0xD800 + (code >> 10))
			units.append(0xDC00 + (code & 0x3ff))
		else:
			units.append(code)
	_utf8_length(out, units.size() + 1)
	for unit in units:
		if unit <= 0x7f:
			out.put_u8(unit)
		elif unit > 0x7ff:
			out.put_u8(0xE0 | ((unit >> 12) & 0x0F))
			out.put_u8(0x80 | ((unit >> 6) & 0x3F))
			out.put_u8(0x80 | (unit & 0x3F))
		else:
			out.put_u8(0xC0 | ((unit >> 6) & 0x1F))
			out.put_u8(0x80 | (unit & 0x3F))


static func _utf8_length(out, value):
	if value >> 6 == 0:
		out.put_u8(value | 0x80)
		return
	out.put_u8((value | 0x40 | 0x80) & 0xff)
	value = value >> 6
	while true:
		if value >> 7 == 0:
			out.put_u8(value)
			return
		out.put_u8((value & 0x7f) | 0x80)
		value = value >> 7


static func _read_string(reader):
	var b = _read_u8(reader)
	if reader.error != "":
		return ""
	if b & 0x80 == 0:
		var text = char(b)
		while true:
			var next = _read_u8(reader)
			if reader.error != "":
				return text
			text += char(next & 0x7f)
			if next & 0x80:
				return text
			if text.length() > 4096:
				reader.error = "string too long"
				return text
	var length = b & 0x3f
	if b & 0x40:
		var shift = 6
		while true:
			var more = _read_u8(reader)
			length |= (more & 0x7f) << shift
			if more & 0x80 == 0 or reader.error != "":
				break
			shift += 7
			if shift > 27:
				reader.error = "string length too long"
				return ""
	if length == 0:
		return null
	if length > 8192:
		reader.error = "string too long"
		return ""
	var text = ""
	var high = 0
	for i in range(length - 1):
		var first = _read_u8(reader)
		var unit = first
		if first >> 4 == 12 or first >> 4 == 13:
			unit = ((first & 0x1F) << 6) | (_read_u8(reader) & 0x3F)
		elif first >> 4 == 14:
			var second = _read_u8(reader)
			unit = ((first & 0x0F) << 12) | ((second & 0x3F) << 6) | (_read_u8(reader) & 0x3F)
		if unit >= 0xD800 and unit < 0xDC00:
			high = unit
			continue
		if unit >= 0xDC00 and unit < 0xE000 and high != 0:
			unit = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
			high = 0
		text += char(unit)
	return text
