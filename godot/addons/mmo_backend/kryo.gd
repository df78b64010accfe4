extends RefCounted
## The map server's wire format: what KryoNet 2.22 and Kryo 2.24 put on the wire for the registered
## messages, byte for byte (client/README.md, "Map server wire protocol").
##
## A message is a [Dictionary] with [code]"type"[/code] (the Java class name) and its fields in
## snake_case: [code]{"type": "MoveInput", "seq": 1, "dir_x": 0.0, "dir_y": 1.0}[/code].
## [method encode] turns one into bytes, [method decode] bytes into one, [method frame] adds TCP's
## length prefix. Decoding trusts nothing: a truncated message, an unknown class id, an endless
## varint, a string or a count longer than its cap or than the bytes that arrived are refused with
## [code]{"type": "", "error": why}[/code], quietly (no engine error), and nothing is allocated for
## a declared length before it has been checked against what arrived.
## Tested against godot/test/vectors/messages.json, the bytes the Java SDK and server produce.

## Kryo writes a registered class as varint(id + 2). 10-14 are KryoNet's framework messages, 20 on
## ours, in the frozen order of com.mmorpg.protocol.Protocol (new ones are only appended).
const NAMES: Dictionary = {
	10: "RegisterTCP", 11: "RegisterUDP", 12: "KeepAlive", 13: "DiscoverHost", 14: "Ping",
	20: "Authenticate", 21: "Welcome", 22: "Rejected", 23: "MoveInput", 24: "Snapshot",
	25: "EntityEntered", 26: "EntityLeft", 27: "ChangeChannel", 28: "ChannelChanged",
	29: "AttackRequest", 30: "CombatEvent", 31: "Progress", 32: "Died", 33: "MapTransfer",
	34: "MapLayoutRequest", 35: "MapLayout", 36: "ItemAction", 37: "InventoryUpdate", 38: "TradeAction",
	39: "TradeUpdate",
}

## Fields in wire order: [name, kind] or, for strings, [name, "t", longest accepted]. Kinds: u =
## uvarint, s = svarint, l = uvarlong, f = float, b = byte, z = bool, t = string, e = a list of
## inventory slots ([name, "e", most accepted]: each {slot, item_id, type_id, quantity}). Snapshot
## entries are handled apart. The caps are the Java decoder's (Wire.readString, Wire.readCount).
const FIELDS: Dictionary = {
	"RegisterTCP": [["connection_id", "s"]],
	"RegisterUDP": [["connection_id", "s"]],
	"KeepAlive": [],
	"DiscoverHost": [],
	"Ping": [["id", "s"], ["is_reply", "z"]],
	"Authenticate": [["ticket", "t", 4096]],
	"Welcome": [["entity_id", "u"], ["character_id", "t", 64], ["name", "t", 64], ["class_id", "u"], ["map_id", "u"],
		["channel", "u"], ["channel_count", "u"], ["tick_rate", "u"], ["x", "f"], ["y", "f"], ["view_radius", "f"],
		["level", "u"], ["exp", "l"], ["next_level_exp", "l"], ["hp", "u"], ["max_hp", "u"], ["mp", "u"],
		["max_mp", "u"], ["attack", "u"], ["defense", "u"], ["speed", "f"], ["attack_range", "f"]],
	"Rejected": [["code", "t", 64], ["message", "t", 512]],
	"MoveInput": [["seq", "u"], ["dir_x", "f"], ["dir_y", "f"]],
	"Snapshot": [["tick", "u"], ["ack_seq", "u"], ["origin_qx", "u"], ["origin_qy", "u"]],
	"EntityEntered": [["id", "u"], ["kind", "b"], ["type_id", "u"], ["name", "t", 64], ["level", "u"], ["x", "f"],
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
	"MapLayoutRequest": [],
	"MapLayout": [["map_id", "u"], ["definition", "t", MAX_DEFINITION_CHARS]],
	"ItemAction": [["action", "b"], ["source", "u"], ["target", "s"], ["quantity", "u"]],
	"InventoryUpdate": [["full", "z"], ["entries", "e", 64], ["refused", "t", 64]],
	"TradeAction": [["action", "b"], ["target", "u"]],
	"TradeUpdate": [["trade_id", "u"], ["state", "b"], ["partner_id", "u"], ["partner_name", "t", 64],
		["mine", "e", 8], ["theirs", "e", 8], ["flags", "b"], ["reason", "t", 64]],
}

## Snapshot entry flag: the entry carries dqx and dqy.
const POSITION := 1
## Snapshot entry flag: the entry carries hp.
const HP := 2
## Snapshot entry flag: the entry carries state.
const STATE := 4
## Snapshot positions are in quarter pixels: pixels = (origin + dq) / UNITS_PER_PIXEL.
const UNITS_PER_PIXEL := 4.0
## The most entries a Snapshot may declare (the Java decoder's cap).
const MAX_SNAPSHOT_ENTRIES := 1200
## The longest map definition accepted (MapLayout.MAX_DEFINITION_CHARS on the Java side).
const MAX_DEFINITION_CHARS := 60000
## A string field without a cap of its own is refused beyond this many characters.
const MAX_STRING_CHARS := 4096


## The Kryo class id of a message type (the "type" of its dictionary), or -1 when it has none.
static func id_of(message_name: String) -> int:
	for id: int in NAMES:
		if NAMES[id] == message_name:
			return id
	return -1


## Encodes a message dictionary to its bytes (without TCP's length prefix). A missing field is
## written as zero (or null for a string). An unknown "type" is a mistake in the calling code: it is
## reported with push_error and encodes to no bytes.
static func encode(message: Dictionary) -> PackedByteArray:
	var name: String = str(message.get("type", ""))
	var id := id_of(name)
	if id < 0:
		push_error("kryo: unknown message type '%s'" % name)
		return PackedByteArray()
	var out := StreamPeerBuffer.new()
	out.big_endian = true
	_write_uvarint(out, id + 2)
	for field: Array in FIELDS[name]:
		_write(out, field[1], message.get(field[0]))
	if name == "Snapshot":
		var entries: Array = message.get("entries", [])
		_write_uvarint(out, entries.size())
		for entry: Dictionary in entries:
			var flags := int(entry.get("flags", 0))
			_write_uvarint(out, int(entry.get("id", 0)))
			out.put_u8(flags & 0xff)
			if flags & POSITION:
				_write_svarint(out, int(entry.get("dqx", 0)))
				_write_svarint(out, int(entry.get("dqy", 0)))
			if flags & HP:
				_write_uvarint(out, int(entry.get("hp", 0)))
			if flags & STATE:
				out.put_u8(int(entry.get("state", 0)) & 0xff)
	return out.data_array


## Decodes one message: [code]{"type": name, ...fields}[/code], or [code]{"type": "", "error": why}[/code]
## when the bytes are not exactly one well-formed message.
static func decode(bytes: PackedByteArray) -> Dictionary:
	var reader := _Reader.new(bytes)
	var class_id := reader.uvarint() - 2
	if reader.error != "":
		return _refused(reader.error)
	if not NAMES.has(class_id):
		return _refused("unknown class id %d" % class_id)
	var name: String = NAMES[class_id]
	var message := {"type": name}
	for field: Array in FIELDS[name]:
		message[field[0]] = _read(reader, field)
		if reader.error != "":
			return _refused("%s: %s" % [field[0], reader.error])
	if name == "Snapshot":
		var count := reader.uvarint()
		if reader.error == "" and count > MAX_SNAPSHOT_ENTRIES:
			return _refused("snapshot count %d over %d" % [count, MAX_SNAPSHOT_ENTRIES])
		if reader.error == "" and count * 2 > reader.remaining(): # an entry is at least an id and its flags
			return _refused("snapshot count %d exceeds the message" % count)
		var entries: Array[Dictionary] = []
		for i in count:
			var entry := {"id": reader.uvarint()}
			var flags := reader.u8()
			entry["flags"] = flags
			if flags & POSITION:
				entry["dqx"] = reader.svarint()
				entry["dqy"] = reader.svarint()
			if flags & HP:
				entry["hp"] = reader.uvarint()
			if flags & STATE:
				entry["state"] = reader.u8()
			if reader.error != "":
				break
			entries.append(entry)
		message["entries"] = entries
	if reader.error != "":
		return _refused(reader.error)
	if reader.remaining() > 0:
		return _refused("%d bytes left over" % reader.remaining())
	return message


## TCP framing: a 4-byte big-endian length, then the message.
static func frame(bytes: PackedByteArray) -> PackedByteArray:
	var out := StreamPeerBuffer.new()
	out.big_endian = true
	out.put_u32(bytes.size())
	out.put_data(bytes)
	return out.data_array


static func _refused(why: String) -> Dictionary:
	return {"type": "", "error": why}


static func _write(out: StreamPeerBuffer, kind: String, value: Variant) -> void:
	match kind:
		"u":
			_write_uvarint(out, _int_of(value))
		"s":
			_write_svarint(out, _int_of(value))
		"l":
			_write_uvarlong(out, _int_of(value))
		"f":
			out.put_float(float(value) if value != null else 0.0)
		"b":
			out.put_u8(_int_of(value) & 0xff)
		"z":
			out.put_u8(1 if value else 0)
		"t":
			_write_string(out, value)
		"e":
			var entries: Array = value if value is Array else []
			_write_uvarint(out, entries.size())
			for entry: Dictionary in entries:
				_write_uvarint(out, _int_of(entry.get("slot")))
				_write_uvarlong(out, _int_of(entry.get("item_id")))
				_write_uvarint(out, _int_of(entry.get("type_id")))
				_write_uvarint(out, _int_of(entry.get("quantity")))


static func _int_of(value: Variant) -> int:
	return int(value) if value != null else 0


static func _read(reader: _Reader, field: Array) -> Variant:
	match field[1]:
		"u":
			return reader.uvarint()
		"s":
			return reader.svarint()
		"l":
			return reader.uvarlong()
		"f":
			return reader.finite_float()
		"b":
			var b := reader.u8()
			return b - 256 if b > 127 else b # Java's byte is signed
		"z":
			return reader.u8() != 0
		"t":
			return reader.string(field[2] if field.size() > 2 else MAX_STRING_CHARS)
		"e":
			var count := reader.uvarint()
			if reader.error == "" and count > int(field[2]):
				reader.fail("count %d over %d" % [count, field[2]])
			if reader.error == "" and count * 4 > reader.remaining(): # an entry is at least four bytes
				reader.fail("count %d exceeds the message" % count)
			var entries: Array[Dictionary] = []
			for i in count:
				var entry := {"slot": reader.uvarint(), "item_id": reader.uvarlong(), "type_id": reader.uvarint(),
					"quantity": reader.uvarint()}
				if reader.error != "":
					break
				entries.append(entry)
			return entries
	return null


## Kryo's writeVarInt(value, true): the value as 32 bits, 7 bits a byte, low bits first.
static func _write_uvarint(out: StreamPeerBuffer, value: int) -> void:
	var rest := value & 0xFFFFFFFF
	while rest > 0x7f:
		out.put_u8((rest & 0x7f) | 0x80)
		rest >>= 7
	out.put_u8(rest)


## Kryo's writeVarInt(value, false): zigzag, then as an unsigned varint.
static func _write_svarint(out: StreamPeerBuffer, value: int) -> void:
	_write_uvarint(out, (value << 1) ^ (value >> 31))


## Kryo's writeVarLong(value, true): up to eight 7-bit groups, then the last 8 bits whole.
static func _write_uvarlong(out: StreamPeerBuffer, value: int) -> void:
	var rest := value
	for i in 8:
		var more := (rest >> 7) & 0x01FFFFFFFFFFFFFF # a logical shift of the 64-bit value
		if more == 0:
			out.put_u8(rest & 0x7f)
			return
		out.put_u8((rest & 0x7f) | 0x80)
		rest = more
	out.put_u8(rest & 0xff)


## Kryo 2.24 strings: 0x80 null, 0x81 empty; 2-63 ASCII characters as bytes with bit 7 set on the
## last; anything else a length (UTF-16 units + 1, in 6 then 7-bit groups) and then each UTF-16
## unit as 1-3 bytes (a character beyond the BMP is two surrogates of 3 bytes each).
static func _write_string(out: StreamPeerBuffer, value: Variant) -> void:
	if value == null:
		out.put_u8(0x80)
		return
	var text: String = value if value is String else str(value)
	var length := text.length()
	if length == 0:
		out.put_u8(0x81)
		return
	var utf8 := text.to_utf8_buffer()
	var ascii := utf8.size() == length
	if ascii and length > 1 and length < 64:
		utf8[length - 1] |= 0x80
		out.put_data(utf8)
		return
	if ascii:
		_write_utf8_length(out, length + 1)
		out.put_data(utf8)
		return
	var units := PackedInt32Array()
	for i in length:
		var code := text.unicode_at(i)
		if code >= 0x10000:
			code -= 0x10000
			units.append(0xD800 + (code >> 10))
			units.append(0xDC00 + (code & 0x3ff))
		else:
			units.append(code)
	_write_utf8_length(out, units.size() + 1)
	for unit in units:
		if unit <= 0x7f:
			out.put_u8(unit)
		elif unit <= 0x7ff:
			out.put_u8(0xC0 | ((unit >> 6) & 0x1F))
			out.put_u8(0x80 | (unit & 0x3F))
		else:
			out.put_u8(0xE0 | ((unit >> 12) & 0x0F))
			out.put_u8(0x80 | ((unit >> 6) & 0x3F))
			out.put_u8(0x80 | (unit & 0x3F))


static func _write_utf8_length(out: StreamPeerBuffer, value: int) -> void:
	if value >> 6 == 0:
		out.put_u8(value | 0x80)
		return
	out.put_u8((value | 0xC0) & 0xff)
	var rest := value >> 6
	while rest >> 7 != 0:
		out.put_u8((rest & 0x7f) | 0x80)
		rest >>= 7
	out.put_u8(rest)


# Reads one message's bytes. The first failure is kept in error; every read after it returns a
# zero value, so a decoder reads on and checks error once.
class _Reader:
	extends RefCounted

	var error: String = ""
	var _bytes: PackedByteArray
	var _at: int = 0
	var _float_word := StreamPeerBuffer.new()

	func _init(bytes: PackedByteArray) -> void:
		_bytes = bytes
		_float_word.big_endian = true

	func remaining() -> int:
		return _bytes.size() - _at

	func fail(why: String) -> void:
		if error == "":
			error = why
		_at = _bytes.size()

	func u8() -> int:
		if _at >= _bytes.size():
			fail("truncated")
			return 0
		var b := _bytes[_at]
		_at += 1
		return b

	## Kryo's readVarInt(true), refusing a fifth byte that still says "more".
	func uvarint() -> int:
		var result := 0
		for i in 5:
			var b := u8()
			if error != "":
				return 0
			result |= (b & 0x7f) << (7 * i)
			if b & 0x80 == 0:
				return result & 0xFFFFFFFF
		fail("varint too long")
		return 0

	func svarint() -> int:
		var v := uvarint()
		return (v >> 1) ^ -(v & 1)

	## Kryo's readVarLong(true): eight 7-bit groups at most, then a whole ninth byte.
	func uvarlong() -> int:
		var result := 0
		for i in 8:
			var b := u8()
			if error != "":
				return 0
			result |= (b & 0x7f) << (7 * i)
			if b & 0x80 == 0:
				return result
		return result | (u8() << 56)

	## A big-endian float that must be finite (as the Java decoder requires of every float field).
	func finite_float() -> float:
		if remaining() < 4:
			fail("truncated")
			return 0.0
		_float_word.data_array = _bytes.slice(_at, _at + 4)
		_at += 4
		var value := _float_word.get_float()
		if not is_finite(value):
			fail("not a finite number")
			return 0.0
		return value

	## A Kryo 2.24 string of at most max_chars characters: a String, or null for Kryo's null.
	func string(max_chars: int) -> Variant:
		var first := u8()
		if error != "":
			return ""
		if first & 0x80 == 0:
			return _ascii(max_chars)
		var declared := first & 0x3f
		if first & 0x40:
			var shift := 6
			while true:
				var b := u8()
				if error != "":
					return ""
				declared |= (b & 0x7f) << shift
				shift += 7
				if b & 0x80 == 0:
					break
				if shift > 27:
					fail("string length malformed")
					return ""
		if declared == 0:
			return null
		var chars := declared - 1 # UTF-16 units, each at least one byte
		if chars > max_chars:
			fail("string of %d characters over %d" % [chars, max_chars])
			return ""
		if chars > remaining():
			fail("string declares more characters than the message holds")
			return ""
		var start := _at
		var plain := true
		for i in range(start, start + chars):
			var b := _bytes[i]
			if b == 0 or b > 0x7f:
				plain = false
				break
		if plain:
			_at += chars
			return _bytes.slice(start, start + chars).get_string_from_ascii()
		return _utf8(chars)

	# ASCII: the bytes up to the first with bit 7 set (which ends the string), so bounded by what
	# arrived; the first byte has been read.
	func _ascii(max_chars: int) -> String:
		var start := _at - 1
		var end := start
		while true:
			if end - start >= max_chars:
				fail("string over %d characters" % max_chars)
				return ""
			if end >= _bytes.size():
				fail("truncated")
				return ""
			if _bytes[end] & 0x80:
				break
			end += 1
		var text := _bytes.slice(start, end + 1)
		text[text.size() - 1] &= 0x7f
		_at = end + 1
		return text.get_string_from_ascii()

	# Kryo's UTF-8 (CESU-8: a surrogate pair is two 3-byte units). A lone surrogate or a NUL, which a
	# Godot String cannot hold, becomes U+FFFD; a byte Kryo never writes as a first byte is refused.
	func _utf8(units: int) -> String:
		var points := PackedInt32Array()
		points.resize(units) # units <= the bytes left, checked by the caller
		var count := 0
		var high := 0
		for i in units:
			var first := u8()
			var unit := first
			match first >> 4:
				0, 1, 2, 3, 4, 5, 6, 7:
					pass
				12, 13:
					unit = ((first & 0x1F) << 6) | (u8() & 0x3F)
				14:
					unit = ((first & 0x0F) << 12) | ((u8() & 0x3F) << 6) | (u8() & 0x3F)
				_:
					fail("invalid UTF-8 byte %d" % first)
			if error != "":
				return ""
			if high != 0:
				if unit >= 0xDC00 and unit < 0xE000:
					points[count] = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
					count += 1
					high = 0
					continue
				points[count] = 0xFFFD
				count += 1
				high = 0
			if unit >= 0xD800 and unit < 0xDC00:
				high = unit
				continue
			if unit == 0 or (unit >= 0xDC00 and unit < 0xE000):
				unit = 0xFFFD
			points[count] = unit
			count += 1
		if high != 0:
			points[count] = 0xFFFD
			count += 1
		points.resize(count)
		return points.to_byte_array().get_string_from_utf32()
