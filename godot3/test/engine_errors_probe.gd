# Fails on purpose, at run time: the engine writes what it writes for a script that goes wrong
# (a SCRIPT ERROR, a push_error), so GodotAddonIT can show that its check of the engine's log
# catches those lines as this engine really prints them. Parses cleanly; never part of the addon.
extends SceneTree


func _initialize():
	call_deferred("quit", 0)
	push_error("probe: push_error")
	var nothing = null
	nothing.call("probe")
