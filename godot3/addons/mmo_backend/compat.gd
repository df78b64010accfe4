# Small runtime shims so one untyped GDScript source runs on Godot 3.2+ and Godot 4.
# Everything version-specific in the addon goes through here; the Godot-4-only lines are the
# branches under `if is_godot4():` (they are never executed, and never parsed as calls, on 3.x).

static func is_godot4():
	return Engine.get_version_info().major >= 4


static func ticks_msec():
	# Godot 4 moved the clock to the Time singleton; 3.x has it on OS.
	if is_godot4():
		return Engine.get_singleton("Time").get_ticks_msec()
	return OS.get_ticks_msec()


static func instantiate(class_name_string):
	# ClassDB.instance (3.x) was renamed ClassDB.instantiate (4).
	if is_godot4():
		return ClassDB.call("instantiate", class_name_string)
	return ClassDB.call("instance", class_name_string)


static func empty_bytes():
	# PoolByteArray (3.x) / PackedByteArray (4) without naming either.
	return StreamPeerBuffer.new().data_array


static func utf8_bytes(text):
	# String.to_utf8 (3.x) / to_utf8_buffer (4): both engines have StreamPeerBuffer.put_utf8_string,
	# which writes a 4-byte length and then the UTF-8 bytes.
	var buffer = StreamPeerBuffer.new()
	buffer.put_utf8_string(text)
	buffer.seek(0)
	var length = buffer.get_u32()
	return buffer.get_data(length)[1]


static func utf8_string(bytes):
	var buffer = StreamPeerBuffer.new()
	buffer.data_array = bytes
	return buffer.get_utf8_string(bytes.size())


static func connect_signal(source, signal_name, target, method):
	# connect(signal, target, method) (3.x) / connect(signal, Callable(target, method)) (4).
	if is_godot4():
		var callable = Expression.new()
		callable.parse("Callable(t, m)", ["t", "m"])
		return source.connect(signal_name, callable.execute([target, method]))
	return source.connect(signal_name, target, method)


static func tcp_poll(peer):
	# StreamPeerTCP needs poll() every frame on Godot 4 (3.x polls by itself).
	if peer.has_method("poll"):
		peer.poll()


static func read_text(path):
	# File (3.x) became FileAccess (4); neither name may appear in code the other engine parses.
	if is_godot4():
		var expression = Expression.new()
		expression.parse("FileAccess.get_file_as_string(p)", ["p"])
		return expression.execute([path])
	var file = instantiate("_File") # the engine class behind GDScript's File in 3.x
	if file.open(path, 1) != OK: # File.READ
		return null
	var text = file.get_as_text()
	file.close()
	return text
