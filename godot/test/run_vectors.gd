extends SceneTree
## Runs the addon's codec against the golden vectors the Java side writes and checks
## (godot/test/vectors/messages.json, GoldenVectorsTest in client): each vector must decode to its
## fields and its fields must encode back to the same bytes, whatever the message (a vector of a
## type the codec does not know fails). Every script of the addon and the example is loaded first
## (they compile). Prints "vectors: N passed, M failed"; exit code 0 when all pass. Headless:
##   cd godot && ../scripts/godot4.sh run --headless --path . -s res://test/run_vectors.gd

const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Json = preload("res://addons/mmo_backend/json.gd")

const VECTORS := "res://test/vectors/messages.json"
const SCRIPTS: Array[String] = ["res://addons/mmo_backend/auth_api.gd", "res://addons/mmo_backend/chat_box.gd",
	"res://addons/mmo_backend/compat.gd", "res://addons/mmo_backend/gateway_connection.gd",
	"res://addons/mmo_backend/json.gd", "res://addons/mmo_backend/kryo.gd",
	"res://addons/mmo_backend/map_connection.gd", "res://addons/mmo_backend/prediction.gd",
	"res://examples/world_client.gd"]


func _init() -> void:
	for path in SCRIPTS:
		if load(path) == null:
			print("FAIL cannot load ", path)
			quit(1)
			return
	var parsed: Variant = Json.decode(FileAccess.get_file_as_string(VECTORS)) if FileAccess.file_exists(VECTORS) \
		else {"__json_error__": "no file"}
	if Json.is_error(parsed) or parsed is not Dictionary or parsed.get("vectors") is not Array:
		print("vectors: cannot read %s: %s" % [VECTORS, parsed])
		quit(1)
		return
	var vectors: Array = parsed["vectors"]
	var failures := 0
	for vector: Dictionary in vectors:
		var problem := _problem(vector)
		if problem != "":
			failures += 1
			print("FAIL ", vector.get("message", "?"), ": ", problem)
		else:
			print("ok   ", vector["message"])
	print("vectors: %d passed, %d failed" % [vectors.size() - failures, failures])
	quit(0 if failures == 0 and vectors.size() > 0 else 1)


# What is wrong with the codec on this vector, or "".
func _problem(vector: Dictionary) -> String:
	var hex: String = vector.get("hex", "")
	var fields: Dictionary = vector.get("fields", {})
	var message: String = vector.get("message", "")
	if Kryo.id_of(message) < 0:
		return "the codec has no message '%s'" % message
	var decoded := Kryo.decode(hex.hex_decode())
	if decoded["type"] != message:
		return "decoded as '%s' (%s)" % [decoded["type"], decoded.get("error", "")]
	var problem := _differs(fields, decoded, "")
	if problem != "":
		return problem
	var expected := {"type": message}
	expected.merge(fields)
	var encoded := Kryo.encode(expected).hex_encode()
	if encoded != hex:
		return "encodes to %s, expected %s" % [encoded, hex]
	return ""


func _differs(expected: Variant, actual: Variant, path: String) -> String:
	if expected is Dictionary:
		if actual is not Dictionary:
			return path + " is not an object"
		for key: Variant in expected:
			if not actual.has(key):
				return path + str(key) + " missing"
			var problem := _differs(expected[key], actual[key], path + str(key) + ".")
			if problem != "":
				return problem
		return ""
	if expected is Array:
		if actual is not Array or actual.size() != expected.size():
			return path + " size differs"
		for i: int in range(expected.size()):
			var problem := _differs(expected[i], actual[i], path + str(i) + ".")
			if problem != "":
				return problem
		return ""
	if (expected is int or expected is float) and (actual is int or actual is float):
		var want: float = expected
		var got: float = actual
		if absf(want - got) > 1e-4 * maxf(1.0, absf(want)):
			return "%s %s != %s" % [path, str(actual), str(expected)]
		return ""
	if typeof(expected) != typeof(actual) or expected != actual:
		return "%s '%s' != '%s'" % [path, str(actual), str(expected)]
	return ""
