## The demo played as a person would, against a running backend: the real scenes are loaded, their
## fields filled and their buttons pressed, the keyboard "held" through Input, and what the scenes
## show is checked. Prints one "step ..." line per milestone, then "DEMO OK" (exit 0), or
## "DEMO FAIL: <why>" (exit 1). Needs a display for the screenshots (MMO_SCREENSHOTS=<dir>):
##
##   cd godot && MMO_SCREENSHOTS=/tmp/shots ../scripts/godot4.sh xvfb --rendering-driver opengl3 \
##       --path . -s res://test/demo_play.gd
##
## MMO_AUTH_URL / MMO_GATEWAY_URL point the login screen elsewhere; with MMO_EXPECT_OTHER_PLAYER=1
## the world screenshot waits for another player in sight (a bot: ./scripts/bot.sh play --user x);
## with MMO_EXPECT_ANNOUNCEMENT=<text> it waits at the end for staff's announcement of that text.
extends SceneTree

const Login := preload("res://demo/login.gd")
const CharacterSelect := preload("res://demo/character_select.gd")
const World := preload("res://demo/world.gd")
const EntityView := preload("res://demo/world/entity_view.gd")
const Session := preload("res://demo/session.gd")

const DEADLINE_MSEC := 150000
const STEP_TIMEOUT_MSEC := 20000
const HUNT_TIMEOUT_MSEC := 60000
const GATE_TIMEOUT_MSEC := 45000
## Map 1's east gate ("To Darkwood Forest", tiles x 47-48, y 8-10): row 9 leads there from the spawn.
const GATE_CELL := Vector2i(47, 9)
const SECOND_MAP_NAME := "Darkwood Forest"

var _started := 0
var _finished := false
var _screenshots := ""
var _path: Array[Vector2i] = []
var _path_goal := Vector2i(-1, -1)
var _path_planned_msec := 0
var _killing_blow: Dictionary = {}
var _world_shot_taken := false


func _initialize() -> void:
	_started = Time.get_ticks_msec()
	_screenshots = OS.get_environment("MMO_SCREENSHOTS")
	if _screenshots != "":
		DirAccess.make_dir_recursive_absolute(_screenshots)
	_play()


func _play() -> void:
	var character_name := await _login_scene()
	if _finished:
		return
	await _character_select_scene(character_name)
	if _finished:
		return
	await _world_scene(character_name)
	if _finished:
		return
	print("DEMO OK in %d ms" % (Time.get_ticks_msec() - _started))
	_finished = true
	_clean_up()
	quit(0)


# --- Login -----------------------------------------------------------------------------------

## Registers a new account through the login screen; returns the character name to create.
func _login_scene() -> String:
	change_scene_to_file("res://demo/login.tscn")
	if not await _until(func() -> bool: return current_scene is Login, "the login scene"):
		return ""
	var login: Login = current_scene
	await process_frame
	var suffix := "%08d" % (randi() % 100000000)
	var username := "play_" + suffix
	(login.get_node("%Username") as LineEdit).text = username
	(login.get_node("%Password") as LineEdit).text = "correct-horse-" + suffix
	print("step login scene: auth %s, gateway %s" % [(login.get_node("%AuthUrl") as LineEdit).text,
		(login.get_node("%GatewayUrl") as LineEdit).text])
	await _screenshot("login.png")
	var status := login.get_node("%Status") as Label
	# Answered: the buttons are enabled again, or the scene changed (no captured nodes: they may be freed).
	var answered := func() -> bool:
		return not (current_scene is Login) or not (current_scene.get_node("%RegisterButton") as Button).disabled

	# The account does not exist yet: Log in must be refused, in words.
	(login.get_node("%LoginButton") as Button).pressed.emit()
	if not await _until(answered, "an answer to Log in"):
		return ""
	if not (current_scene is Login) or status.text != "Wrong username or password.":
		_fail("an unknown account's log in was not refused as INVALID_CREDENTIALS: '%s'" % status.text)
		return ""
	print("step log in before registering refused: '%s'" % status.text)

	(login.get_node("%RegisterButton") as Button).pressed.emit()
	if not await _until(answered, "an answer to Register"):
		return ""
	if current_scene is Login and not status.text.begins_with("Welcome"):
		_fail("Register refused: '%s'" % status.text)
		return ""
	if not await _until(func() -> bool: return current_scene is CharacterSelect, "Character Select after Register"):
		return ""
	print("step registered %s through the Login scene" % username)
	return "Hero" + suffix


# --- Character Select ----------------------------------------------------------------------------

func _character_select_scene(character_name: String) -> void:
	var select: CharacterSelect = current_scene
	var classes := select.get_node("%ClassOption") as OptionButton
	var list := select.get_node("%CharacterList") as ItemList
	var status := select.get_node("%Status") as Label
	var name_input := select.get_node("%NameInput") as LineEdit
	var create := select.get_node("%CreateButton") as Button
	if not await _until(func() -> bool: return classes.item_count > 0, "the class list",
			func() -> String: return "status: " + status.text):
		return
	var class_names: PackedStringArray = []
	for i in classes.item_count:
		class_names.append(classes.get_item_text(i))
	print("step character select shows %d classes: %s; %d characters" % [classes.item_count,
		", ".join(class_names), list.item_count])

	name_input.text = "x!"
	create.pressed.emit()
	if not await _until(func() -> bool: return status.text.contains("must be"), "the validation error",
			func() -> String: return "status: " + status.text):
		return
	print("step invalid name refused, shown: '%s'" % status.text)

	classes.select(0)
	name_input.text = character_name
	create.pressed.emit()
	if not await _until(func() -> bool: return _list_index(list, character_name) >= 0,
			"%s in the character list" % character_name, func() -> String: return "status: " + status.text):
		return
	var index := _list_index(list, character_name)
	print("step character created, the list shows '%s'" % list.get_item_text(index))
	list.select(index)
	await _screenshot("character_select.png")
	(select.get_node("%EnterButton") as Button).pressed.emit()
	if not await _until(func() -> bool: return current_scene is World, "the World after Enter",
			func() -> String: return "status: " + status.text):
		return
	print("step entered the world through the gateway")


func _list_index(list: ItemList, text: String) -> int:
	for i in list.item_count:
		if list.get_item_text(i).begins_with(text):
			return i
	return -1


# --- World -----------------------------------------------------------------------------------

func _world_scene(character_name: String) -> void:
	var world: World = current_scene
	var map_label := world.hud.get_node("%MapLabel") as Label
	if not await _until(func() -> bool: return world.map_view.tile_count > 0 and world.player_view != null,
			"the map's layout drawn", _world_state.bind(world)):
		return
	print("step world map %s drawn: %d tiles, top bar '%s', me at %s" % [world.map_view.map_name,
		world.map_view.tile_count, map_label.text, world.player_view.position])
	if world.map_view.map_name == "" or not map_label.text.contains(world.map_view.map_name):
		_fail("the top bar does not name the map: '%s'" % map_label.text)
		return

	# Walk: hold the right arrow until the server has us three tiles further (clear of the spawn).
	var start: Vector2 = world.map.position
	var walked_right := func() -> bool:
		_hold(Vector2.RIGHT)
		return world.map.position.distance_to(start) > 96.0
	if not await _until(walked_right, "walking right", _world_state.bind(world)):
		return
	_hold(Vector2.ZERO)
	print("step walked from %s to %s (predicted %s)" % [start, world.map.position,
		Vector2(world.map.prediction.x, world.map.prediction.y)])

	if not await _until(func() -> bool: return _count(world, EntityView.KIND_MOB) > 0, "mobs in sight"):
		return
	print("step world shows %d mobs, %d players" % [_count(world, EntityView.KIND_MOB), _count(world, EntityView.KIND_PLAYER)])
	if OS.get_environment("MMO_EXPECT_OTHER_PLAYER") == "1":
		if not await _find_other_player(world):
			return
		for view: EntityView in world.views.values():
			if view.kind == EntityView.KIND_PLAYER:
				print("step other player seen %s (level %d, hp %d/%d)" % [view.entity_name, view.level, view.hp, view.max_hp])
				break
	await _world_screenshot(world)

	if not await _hunt(world):
		return
	if not await _chat(world, character_name):
		return
	# The server put us on the least full channel: over to another one, and back.
	var home: int = world.stats["channel"]
	for channel in [1 if home != 1 else 2, home]:
		if not await _switch_channel(world, channel):
			return
	await _through_the_gate(world)
	if not _finished and OS.get_environment("MMO_EXPECT_ANNOUNCEMENT") != "":
		await _announcement(world, OS.get_environment("MMO_EXPECT_ANNOUNCEMENT"))


## Waits for support staff's announcement (the test runner posts it on this line) in the banner
## and the chat box.
func _announcement(world: World, text: String) -> void:
	print("step waiting for an announcement")
	if not await _until(func() -> bool: return world.hud.chat_text().contains("[announcement] " + text),
			"the announcement in the chat box", _world_state.bind(world)):
		return
	if world.hud.banner_text() != text:
		_fail("the announcement is not in the banner: '%s'" % world.hud.banner_text())
		return
	print("step announcement shown '%s'" % text)


## Waits for another player in sight; players on other channels are invisible, so after a few
## seconds without one it tries the next channel, as a player looking for a friend would.
func _find_other_player(world: World) -> bool:
	var deadline := Time.get_ticks_msec() + STEP_TIMEOUT_MSEC * 2
	var next_switch := Time.get_ticks_msec() + 4000
	while _count(world, EntityView.KIND_PLAYER) == 0:
		if not await _tick(deadline, "another player in sight", _world_state.bind(world)):
			return false
		if Time.get_ticks_msec() > next_switch:
			var channel: int = world.stats["channel"] % world.stats["channel_count"] + 1
			print("step nobody else on channel %d: trying channel %d" % [world.stats["channel"], channel])
			if not await _switch_channel(world, channel):
				return false
			next_switch = Time.get_ticks_msec() + 4000
	return true


## Walks to the nearest live mob, presses Space (the world then hits it whenever it is in reach)
## until the world reports a kill of ours.
func _hunt(world: World) -> bool:
	var deadline := Time.get_ticks_msec() + HUNT_TIMEOUT_MSEC
	world.map.combat.connect(_on_combat.bind(world))
	var last_space := 0
	var announced := -1
	while world.kills == 0:
		if not await _tick(deadline, "killing a mob", _world_state.bind(world)):
			return false
		if world.map == null or world.map.prediction == null:
			continue
		if world.hud.is_death_shown():
			_hold(Vector2.ZERO)
			continue
		var here := Vector2(world.map.prediction.x, world.map.prediction.y)
		var prey := _nearest_mob(world, here)
		# Stay on the mob we went for unless it died or left, or another is much closer.
		var chosen: EntityView = world.views.get(announced)
		if chosen != null and chosen.is_alive() and prey >= 0 \
				and here.distance_to(world.views[prey].position) > 0.6 * here.distance_to(chosen.position):
			prey = announced
		if prey < 0:
			_hold(Vector2.ZERO)
			continue
		var view: EntityView = world.views[prey]
		if prey != announced:
			announced = prey
			print("step hunting %s #%d, %d px away" % [view.entity_name, prey, here.distance_to(view.position)])
		await _world_screenshot(world)
		var entity: Dictionary = world.map.entities.get(prey, {})
		if entity.is_empty():
			continue
		var server_distance := Vector2(entity["x"], entity["y"]).distance_to(world.map.position)
		if server_distance > world.attack_reach() * 0.8:
			_walk_to(world, world.map_view.cell_of(Vector2(entity["x"], entity["y"])), here)
		else:
			_hold(Vector2.ZERO)
			var now := Time.get_ticks_msec()
			if world.target_id != prey and now - last_space > 500:
				last_space = now
				_press_key(KEY_SPACE)
	_hold(Vector2.ZERO)
	await _world_screenshot(world, true)
	if _killing_blow.is_empty():
		_fail("the World counted a kill without a CombatEvent killed=true from us")
		return false
	print("step CombatEvent killed=true: #%d hit #%d for %d" % [_killing_blow["attacker_id"], _killing_blow["target_id"],
		_killing_blow["damage"]])
	var chat_text: String = world.hud.chat_text()
	if not chat_text.contains("You defeated"):
		_fail("a kill but no 'You defeated' line in the chat box: " + chat_text.right(200))
		return false
	print("step killed a mob: '%s' in the chat box, hp %d/%d, exp %d/%d" % [_last_line(chat_text, "You defeated"),
		world.stats["hp"], world.stats["max_hp"], world.stats["exp"], world.stats["next_level_exp"]])
	return true


func _on_combat(msg: Dictionary, world: World) -> void:
	if msg["killed"] and world.map != null and msg["attacker_id"] == world.map.entity_id:
		_killing_blow = msg


## world.png, once a mob (and, with MMO_EXPECT_OTHER_PLAYER, another player) is on screen clear of
## the HUD: at the spawn usually at once, else while hunting; [param anyway] takes it as it is.
func _world_screenshot(world: World, anyway := false) -> void:
	if _world_shot_taken:
		return
	var on_screen := 0
	var players_on_screen := 0
	for view: EntityView in world.views.values():
		if _on_screen(world, view.position):
			if view.is_mob():
				on_screen += 1
			else:
				players_on_screen += 1
	var players_wanted := 1 if OS.get_environment("MMO_EXPECT_OTHER_PLAYER") == "1" else 0
	if not anyway and (on_screen == 0 or players_on_screen < players_wanted):
		return
	_world_shot_taken = true
	print("step world shows %d mobs (%d on screen), %d players" % [_count(world, EntityView.KIND_MOB), on_screen,
		_count(world, EntityView.KIND_PLAYER)])
	await _screenshot("world.png")


func _nearest_mob(world: World, here: Vector2) -> int:
	var best := -1
	var best_distance := INF
	for id: int in world.views:
		var view: EntityView = world.views[id]
		if not view.is_mob() or not view.is_alive():
			continue
		# Slimes are the easy prey near map 1's spawn; an elite only as a last resort.
		var distance := here.distance_to(view.position) * (3.0 if view.type_id >= 4 else 1.0)
		if distance < best_distance:
			best = id
			best_distance = distance
	return best


func _chat(world: World, character_name: String) -> bool:
	var line := "hello from the demo %d" % (randi() % 100000)
	var input := world.hud.get_node("%ChatInput") as LineEdit
	input.text = line
	input.text_submitted.emit(line)
	var heard := "[map] %s: %s" % [character_name, line]
	if not await _until(func() -> bool: return world.hud.chat_text().contains(heard), "'%s' in the chat box" % heard,
			func() -> String: return world.hud.chat_text().right(300)):
		return false
	print("step chat box shows '%s'" % heard)
	return true


func _switch_channel(world: World, channel: int) -> bool:
	var selector := world.hud.get_node("%ChannelOption") as OptionButton
	if selector.item_count < channel:
		_fail("the channel selector has %d channels" % selector.item_count)
		return false
	selector.select(channel - 1)
	selector.item_selected.emit(channel - 1)
	var wanted := "Now on channel %d" % channel
	if not await _until(func() -> bool: return world.hud.banner_text() == wanted and world.stats["channel"] == channel,
			"'%s'" % wanted, _world_state.bind(world)):
		return false
	print("step channel %d: banner '%s', selector '%s'" % [channel, wanted, selector.get_item_text(selector.selected)])
	return true


## Walks along row 9 into map 1's east gate and waits for the World to show map 2.
func _through_the_gate(world: World) -> void:
	var deadline := Time.get_ticks_msec() + GATE_TIMEOUT_MSEC
	print("step walking to the gate at tile %s" % GATE_CELL)
	while world.map_view.map_name != SECOND_MAP_NAME:
		if not await _tick(deadline, "walking through the gate", _world_state.bind(world)):
			return
		if world.map == null or world.map.prediction == null or world.map_view.tile_count == 0 \
				or world.hud.is_death_shown():
			_hold(Vector2.ZERO)
			continue
		_walk_to(world, GATE_CELL, Vector2(world.map.prediction.x, world.map.prediction.y))
	_hold(Vector2.ZERO)
	var map_label := world.hud.get_node("%MapLabel") as Label
	if not await _until(func() -> bool: return world.player_view != null and map_label.text.contains("map 2"),
			"map 2 in the top bar", func() -> String: return map_label.text):
		return
	await _until(func() -> bool: return _count(world, EntityView.KIND_MOB) > 0, "mobs on map 2")
	if _finished:
		return
	print("step world map %s drawn through the gate: %d tiles, top bar '%s', me at %s, %d mobs" % [
		world.map_view.map_name, world.map_view.tile_count, map_label.text, world.player_view.position,
		_count(world, EntityView.KIND_MOB)])
	await _screenshot("world_map2.png")


# --- walking ----------------------------------------------------------------------------------

## Holds the arrow keys toward the next tile of a shortest path (4 neighbours, walls avoided) from
## [param here] to [param goal]; replans every half second.
func _walk_to(world: World, goal: Vector2i, here: Vector2) -> void:
	var now := Time.get_ticks_msec()
	var cell := world.map_view.cell_of(here)
	if goal != _path_goal or now - _path_planned_msec > 500 or _path.is_empty():
		_path = _shortest_path(world, cell, goal)
		_path_goal = goal
		_path_planned_msec = now
	while _path.size() > 1 and _path[0] == cell:
		_path.pop_front()
	var next: Vector2i = _path[0] if not _path.is_empty() else goal
	var size := world.map_view.tile_size
	var center := Vector2(next) * size + Vector2(size, size) / 2
	var toward := center - here
	_hold(toward.normalized() if toward.length() > 2.0 else Vector2.ZERO)


func _shortest_path(world: World, from: Vector2i, to: Vector2i) -> Array[Vector2i]:
	var came_from: Dictionary = {from: from}
	var frontier: Array[Vector2i] = [from]
	while not frontier.is_empty():
		var cell: Vector2i = frontier.pop_front()
		if cell == to:
			break
		for step: Vector2i in [Vector2i.RIGHT, Vector2i.LEFT, Vector2i.DOWN, Vector2i.UP]:
			var next := cell + step
			if not came_from.has(next) and not world.map_view.is_blocked(next):
				came_from[next] = cell
				frontier.append(next)
	var path: Array[Vector2i] = []
	if not came_from.has(to):
		return path
	var back := to
	while back != from:
		path.push_front(back)
		back = came_from[back]
	return path


## Holds the arrow keys as a player would for [param direction] (zero: lets go).
func _hold(direction: Vector2) -> void:
	for action: String in ["ui_left", "ui_right", "ui_up", "ui_down"]:
		Input.action_release(action)
	if direction.x > 0.01:
		Input.action_press("ui_right", direction.x)
	elif direction.x < -0.01:
		Input.action_press("ui_left", -direction.x)
	if direction.y > 0.01:
		Input.action_press("ui_down", direction.y)
	elif direction.y < -0.01:
		Input.action_press("ui_up", -direction.y)


func _press_key(keycode: Key) -> void:
	for pressed in [true, false]:
		var event := InputEventKey.new()
		event.keycode = keycode
		event.physical_keycode = keycode
		event.pressed = pressed
		Input.parse_input_event(event)


# --- helpers ----------------------------------------------------------------------------------

func _count(world: World, kind: int) -> int:
	var count := 0
	for view: EntityView in world.views.values():
		if view.kind == kind:
			count += 1
	return count


## True when [param point] (world coordinates) is drawn on screen and not under the top bar, the
## chat box or the help text.
func _on_screen(world: World, point: Vector2) -> bool:
	var on_screen := world.get_viewport().get_canvas_transform() * point
	var chat_box := Rect2(0, 500, 560, 220)
	var help := Rect2(880, 640, 400, 80)
	return Rect2(20, 80, 1240, 620).has_point(on_screen) and not chat_box.has_point(on_screen) \
			and not help.has_point(on_screen)


func _world_state(world: World) -> String:
	if world == null or not is_instance_valid(world):
		return "no world"
	return "map '%s', banner '%s', disconnected %s, me %s, chat: %s" % [world.map_view.map_name, world.hud.banner_text(),
		world.hud.is_disconnected(), world.player_view.position if world.player_view != null else "-",
		world.hud.chat_text().right(200).replace("\n", " | ")]


func _last_line(text: String, containing: String) -> String:
	var lines := text.split("\n")
	for i in range(lines.size() - 1, -1, -1):
		if lines[i].contains(containing):
			return lines[i]
	return ""


## One frame; false (after DEMO FAIL) once [param deadline] or the overall deadline passed.
func _tick(deadline: int, what: String, describe: Callable) -> bool:
	await process_frame
	if _finished:
		return false
	var now := Time.get_ticks_msec()
	if now > deadline or now - _started > DEADLINE_MSEC:
		_fail("timed out waiting for %s (%s)" % [what, describe.call()])
		return false
	return true


## Waits, frame by frame, until [param condition] holds; on timeout fails with [param what] and
## what [param describe] says about the scene.
func _until(condition: Callable, what: String, describe: Callable = Callable()) -> bool:
	var deadline := Time.get_ticks_msec() + STEP_TIMEOUT_MSEC
	while not condition.call():
		await process_frame
		if _finished:
			return false
		var now := Time.get_ticks_msec()
		if now > deadline or now - _started > DEADLINE_MSEC:
			var state: String = describe.call() if describe.is_valid() else ""
			_fail("timed out waiting for %s%s" % [what, (" (" + state + ")") if state != "" else ""])
			return false
	return true


func _screenshot(file_name: String) -> void:
	if _screenshots == "":
		return
	await RenderingServer.frame_post_draw
	var image := root.get_texture().get_image()
	var path := _screenshots.path_join(file_name)
	var error := image.save_png(path)
	if error != OK:
		print("step screenshot %s failed: %s" % [path, error_string(error)])
	else:
		print("step screenshot %s" % path)


# Nothing left for the engine to report as leaked at exit: the scene and the session's connections.
func _clean_up() -> void:
	if current_scene != null:
		current_scene.free()
	Session.log_out()


func _fail(reason: String) -> void:
	if _finished:
		return
	_finished = true
	_hold(Vector2.ZERO)
	print("DEMO FAIL: ", reason)
	_clean_up()
	quit(1)
