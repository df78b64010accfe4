extends RefCounted
## JSON for the backend's payloads, over the engine's [JSON], with what a client needs on top:
## whole numbers come back as [int] (the engine parses every number as a float), and text that is
## not JSON, too long or nested too deep is refused with a value [method is_error] recognises,
## quietly (no engine error is printed for it).

## Text longer than this many characters is refused without parsing.
const MAX_TEXT_CHARS := 1 << 20
## Arrays and objects nested deeper than this are refused.
const MAX_DEPTH := 64
## Whole floats up to this size become ints; beyond it a float cannot tell one integer from the next.
const MAX_EXACT_INT := 9007199254740992.0 # 2^53


## value as JSON text, keys in the dictionary's own order.
static func encode(value: Variant) -> String:
	return JSON.stringify(value, "", false)


## The value of the JSON text, or the dictionary [code]{"__json_error__": message}[/code] when the
## text is not JSON, longer than [constant MAX_TEXT_CHARS] or nested deeper than [constant MAX_DEPTH].
static func decode(text: String) -> Variant:
	if text.length() > MAX_TEXT_CHARS:
		return _error("text of %d characters over %d" % [text.length(), MAX_TEXT_CHARS])
	var parser := JSON.new()
	if parser.parse(text) != OK:
		return _error("%s at line %d" % [parser.get_error_message(), parser.get_error_line()])
	var state := {"error": ""}
	var value: Variant = _with_ints(parser.data, 0, state)
	if state["error"] != "":
		return _error(state["error"])
	return value


## The value of the JSON in UTF-8 bytes (a WebSocket frame, an HTTP body), refused like
## [method decode] and also when the bytes are not UTF-8 (checked here, so that the engine does not
## print a Unicode error for them).
static func decode_utf8(bytes: PackedByteArray) -> Variant:
	if bytes.size() > MAX_TEXT_CHARS * 4:
		return _error("%d bytes over the limit" % bytes.size())
	if not is_utf8(bytes):
		return _error("not UTF-8")
	return decode(bytes.get_string_from_utf8())


## True when value is what [method decode] returns for text it refused.
static func is_error(value: Variant) -> bool:
	return value is Dictionary and value.has("__json_error__")


## True when bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF,
## and no NUL, which a Godot String cannot hold).
static func is_utf8(bytes: PackedByteArray) -> bool:
	var size := bytes.size()
	var i := 0
	while i < size:
		var b := bytes[i]
		if b < 0x80:
			if b == 0:
				return false
			i += 1
			continue
		var more := 0
		var low := 0x80
		var high := 0xBF
		if b >= 0xC2 and b <= 0xDF:
			more = 1
		elif b >= 0xE0 and b <= 0xEF:
			more = 2
			if b == 0xE0:
				low = 0xA0
			elif b == 0xED:
				high = 0x9F
		elif b >= 0xF0 and b <= 0xF4:
			more = 3
			if b == 0xF0:
				low = 0x90
			elif b == 0xF4:
				high = 0x8F
		else:
			return false
		if i + more >= size:
			return false
		var second := bytes[i + 1]
		if second < low or second > high:
			return false
		for k in range(2, more + 1):
			var next := bytes[i + k]
			if next < 0x80 or next > 0xBF:
				return false
		i += more + 1
	return true


static func _error(message: String) -> Dictionary:
	return {"__json_error__": message}


# Walks the parsed value once: whole floats become ints, and the depth is checked (the engine's own
# limit is far deeper than a client wants to walk).
static func _with_ints(value: Variant, depth: int, state: Dictionary) -> Variant:
	if value is float:
		var number: float = value
		if number == floorf(number) and absf(number) <= MAX_EXACT_INT:
			return int(number)
		return number
	if value is Array or value is Dictionary:
		if depth >= MAX_DEPTH:
			state["error"] = "nested deeper than %d" % MAX_DEPTH
			return null
		if value is Array:
			var items: Array = value
			for i in items.size():
				items[i] = _with_ints(items[i], depth + 1, state)
				if state["error"] != "":
					return null
			return items
		var object: Dictionary = value
		for key: Variant in object:
			object[key] = _with_ints(object[key], depth + 1, state)
			if state["error"] != "":
				return null
		return object
	return value
