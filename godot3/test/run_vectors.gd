# Runs the addon's codec against the golden vectors the Java side checks in
# (godot3/test/vectors/messages.json): each vector must decode to its fields and encode back to
# the same bytes. Exit code 0 when all pass. Headless:
#   xvfb-run -a godot3 --no-window --path godot3 -s res://test/run_vectors.gd
extends SceneTree

const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Json = preload("res://addons/mmo_backend/json.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")


func _init():
	# every script of the addon and the example compiles in this engine
	for path in ["res://addons/mmo_backend/auth_api.gd", "res://addons/mmo_backend/gateway_connection.gd",
			"res://addons/mmo_backend/map_connection.gd", "res://addons/mmo_backend/prediction.gd",
			"res://examples/world_client.gd"]:
		if load(path) == null:
			print("FAIL cannot load ", path)
			quit(1)
			return
	var text = Compat.read_text("res://test/vectors/messages.json")
	var parsed = Json.decode(text) if text != null else {"__json_error__": "no file"}
	if Json.is_error(parsed):
		print("vectors: cannot read messages.json: ", parsed)
		quit(1)
		return
	var failures = 0
	var vectors = parsed["vectors"]
	for vector in vectors:
		var bytes = _from_hex(vector["hex"])
		var decoded = Kryo.decode(bytes)
		var problem = ""
		if decoded["type"] != vector["message"]:
			problem = "decoded as '%s' (%s)" % [decoded["type"], decoded.get("error", "")]
		else:
			problem = _differs(vector["fields"], decoded, "")
		if problem == "":
			var expected = {"type": vector["message"]}
			for key in vector["fields"].keys():
				expected[key] = vector["fields"][key]
			var encoded = _to_hex(Kryo.encode(expected))
			if encoded != vector["hex"]:
				problem = "encodes to %s, expected %s" % [encoded, vector["hex"]]
		if problem != "":
			failures += 1
			print("FAIL ", vector["message"], ": ", problem)
		else:
			print("ok   ", vector["message"])
	print("vectors: %d passed, %d failed" % [vectors.size() - failures, failures])
	quit(0 if failures == 0 and vectors.size() > 0 else 1)


func _differs(expected, actual, path):
	if typeof(expected) == TYPE_DICTIONARY:
		for key in expected.keys():
			if not actual.has(key):
				return path + key + " missing"
			var problem = _differs(expected[key], actual[key], path + key + ".")
			if problem != "":
				return problem
		return ""
	if typeof(expected) == TYPE_ARRAY:
		if typeof(actual) != TYPE_ARRAY or actual.size() != expected.size():
			return path + " size differs"
		for i in range(expected.size()):
			var problem = _differs(expected[i], actual[i], path + str(i) + ".")
			if problem != "":
				return problem
		return ""
	if typeof(expected) == TYPE_INT or typeof(expected) == 3:
		if abs(float(expected) - float(actual)) > 1e-4 * max(1.0, abs(float(expected))):
			return "%s %s != %s" % [path, str(actual), str(expected)]
		return ""
	if expected != actual:
		return "%s '%s' != '%s'" % [path, str(actual), str(expected)]
	return ""


func _from_hex(hex):
	var bytes = Compat.empty_bytes()
	for i in range(0, hex.length(), 2):
		bytes.append(("0x" + hex.substr(i, 2)).hex_to_int())
	return bytes


func _to_hex(bytes):
	var out = ""
	for i in range(bytes.size()):
		out += "%02x" % bytes[i]
	return out
