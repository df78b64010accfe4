extends RefCounted
## Kept for compatibility: the calls that differed between Godot 3 and Godot 4, which the addon's
## earlier one-source version routed through here. Code written against that version keeps working;
## each function is now its plain Godot 4 call, and new code should make that call directly
## (the addon itself no longer uses this script).


## Always true: this addon is for Godot 4.
static func is_godot4() -> bool:
	return true


## [method Time.get_ticks_msec].
static func ticks_msec() -> int:
	return Time.get_ticks_msec()


## An instance of the engine class of that name ([method ClassDB.instantiate]).
static func instantiate(engine_class: StringName) -> Variant:
	return ClassDB.instantiate(engine_class)


## An empty [PackedByteArray].
static func empty_bytes() -> PackedByteArray:
	return PackedByteArray()


## text as UTF-8 bytes ([method String.to_utf8_buffer]).
static func utf8_bytes(text: String) -> PackedByteArray:
	return text.to_utf8_buffer()


## UTF-8 bytes as a String ([method PackedByteArray.get_string_from_utf8]).
static func utf8_string(bytes: PackedByteArray) -> String:
	return bytes.get_string_from_utf8()


## [code]source.connect(signal_name, Callable(target, method))[/code].
static func connect_signal(source: Object, signal_name: StringName, target: Object, method: StringName) -> Error:
	return source.connect(signal_name, Callable(target, method)) as Error


## [method StreamPeerTCP.poll]: Godot 4's TCP peer must be polled every frame.
static func tcp_poll(peer: StreamPeerTCP) -> void:
	peer.poll()


## The file's text ([method FileAccess.get_file_as_string]), or null when it cannot be read.
static func read_text(path: String) -> Variant:
	if not FileAccess.file_exists(path):
		return null
	return FileAccess.get_file_as_string(path)
