# JSON without the engine's JSON API (to_json/parse_json in 3.x, JSON.stringify/parse_string in 4
# differ). Enough for the backend's payloads: objects, arrays, strings, numbers, booleans, null.
# Whole numbers decode as int, others as float.

static func encode(value):
	var kind = typeof(value)
	if value == null:
		return "null"
	if kind == TYPE_BOOL:
		return "true" if value else "false"
	if kind == TYPE_INT:
		return str(value)
	if kind == 3: # TYPE_REAL (3.x) and TYPE_FLOAT (4) are both 3; neither name exists in the other
		return _number(value)
	if kind == TYPE_STRING:
		return _quote(value)
	if kind == TYPE_DICTIONARY:
		var parts = []
		for key in value.keys():
			parts.append(_quote(str(key)) + ":" + encode(value[key]))
		return "{" + _join(parts) + "}"
	if kind == TYPE_ARRAY:
		var items = []
		for item in value:
			items.append(encode(item))
		return "[" + _join(items) + "]"
	return _quote(str(value))


# Returns the value, or the dictionary {"__json_error__": message} when the text is not JSON.
static func decode(text):
	var state = {"text": text, "at": 0, "error": ""}
	var value = _value(state)
	_space(state)
	if state.error == "" and state.at < text.length():
		state.error = "trailing characters at %d" % state.at
	if state.error != "":
		return {"__json_error__": state.error}
	return value


static func is_error(value):
	return typeof(value) == TYPE_DICTIONARY and value.has("__json_error__")


static func _number(value):
	if value == floor(value) and abs(value) < 1e15:
		return str(int(value))
	return str(value)


static func _join(parts):
	var out = ""
	for i in range(parts.size()):
		if i > 0:
			out += ","
		out += parts[i]
	return out


static func _quote(text):
	var out = "\""
	for i in range(text.length()):
		var c = text.ord_at(i)
		if c == 34:
			out += "\\\""
		elif c == 92:
			out += "\\\\"
		elif c == 10:
			out += "\\n"
		elif c == 13:
			out += "\\r"
		elif c == 9:
			out += "\\t"
		elif c < 32:
			out += "\\u%04x" % c
		else:
			out += text.substr(i, 1)
	return out + "\""


static func _space(state):
	var text = state.text
	while state.at < text.length():
		var c = text.ord_at(state.at)
		if c == 32 or c == 9 or c == 10 or c == 13:
			state.at += 1
		else:
			return


static func _value(state):
	_space(state)
	var text = state.text
	if state.at >= text.length():
		state.error = "unexpected end"
		return null
	var c = text.substr(state.at, 1)
	if c == "{":
		return _object(state)
	if c == "[":
		return _array(state)
	if c == "\"":
		return _string(state)
	if text.substr(state.at, 4) == "true":
		state.at += 4
		return true
	if text.substr(state.at, 5) == "false":
		state.at += 5
		return false
	if text.substr(state.at, 4) == "null":
		state.at += 4
		return null
	return _number_value(state)


static func _object(state):
	var result = {}
	state.at += 1
	_space(state)
	if state.text.substr(state.at, 1) == "}":
		state.at += 1
		return result
	while state.error == "":
		_space(state)
		if state.text.substr(state.at, 1) != "\"":
			state.error = "expected a key at %d" % state.at
			return null
		var key = _string(state)
		_space(state)
		if state.text.substr(state.at, 1) != ":":
			state.error = "expected ':' at %d" % state.at
			return null
		state.at += 1
		result[key] = _value(state)
		_space(state)
		var next = state.text.substr(state.at, 1)
		state.at += 1
		if next == "}":
			return result
		if next != ",":
			state.error = "expected ',' or '}' at %d" % (state.at - 1)
	return null


static func _array(state):
	var result = []
	state.at += 1
	_space(state)
	if state.text.substr(state.at, 1) == "]":
		state.at += 1
		return result
	while state.error == "":
		result.append(_value(state))
		_space(state)
		var next = state.text.substr(state.at, 1)
		state.at += 1
		if next == "]":
			return result
		if next != ",":
			state.error = "expected ',' or ']' at %d" % (state.at - 1)
	return null


static func _string(state):
	var text = state.text
	var out = ""
	state.at += 1
	while state.at < text.length():
		var c = text.substr(state.at, 1)
		state.at += 1
		if c == "\"":
			return out
		if c != "\\":
			out += c
			continue
		var escaped = text.substr(state.at, 1)
		state.at += 1
		if escaped == "n":
			out += "\n"
		elif escaped == "t":
			out += "\t"
		elif escaped == "r":
			out += "\r"
		elif escaped == "b":
			out += char(8)
		elif escaped == "f":
			out += char(12)
		elif escaped == "u":
			var code = ("0x" + text.substr(state.at, 4)).hex_to_int()
			state.at += 4
			if code >= 0xD800 and code < 0xDC00 and text.substr(state.at, 2) == "\\u":
				var low = ("0x" + text.substr(state.at + 2, 4)).hex_to_int()
				state.at += 6
				code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
			out += char(code)
		else:
			out += escaped
	state.error = "unterminated string"
	return null


static func _number_value(state):
	var text = state.text
	var start = state.at
	var is_float = false
	while state.at < text.length():
		var c = text.substr(state.at, 1)
		if c in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", "+"]:
			state.at += 1
		elif c in [".", "e", "E"]:
			is_float = true
			state.at += 1
		else:
			break
	var literal = text.substr(start, state.at - start)
	if literal == "":
		state.error = "unexpected character at %d" % start
		return null
	if is_float:
		return float(literal)
	return int(literal)
