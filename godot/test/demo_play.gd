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
## After its first kill it hunts on until a mob drops loot, picks it up with a click and opens the
## inventory; with MMO_EXPECT_OTHER_PLAYER=1 it then walks to that player, clicks them and trades its
## loot for what they offer (GodotDemoIT's neighbours accept, offer a potion, lock and confirm).
extends SceneTree

const Login := preload("res://demo/login.gd")
const CharacterSelect := preload("res://demo/character_select.gd")
const World := preload("res://demo/world.gd")
const EntityView := preload("res://demo/world/entity_view.gd")
const Session := preload("res://demo/session.gd")

const DEADLINE_MSEC := 300000
const STEP_TIMEOUT_MSEC := 20000
const HUNT_TIMEOUT_MSEC := 60000
const GATE_TIMEOUT_MSEC := 45000
const LOOT_TIMEOUT_MSEC := 150000
const TRADE_TIMEOUT_MSEC := 60000
const InventoryWindow := preload("res://demo/world/inventory_window.gd")
const TradeWindow := preload("res://demo/world/trade_window.gd")
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
## The item type picked up from the ground, then traded away.
var _looted_type := -1


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
	if not await _loot(world):
		return
	if OS.get_environment("MMO_EXPECT_OTHER_PLAYER") == "1" and not await _trade(world):
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
	world.map.combat.connect(_on_combat.bind(world))
	if not await _kill_one(world, Time.get_ticks_msec() + HUNT_TIMEOUT_MSEC):
		return false
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


## Hunts until the World counts one more kill of ours.
func _kill_one(world: World, deadline: int) -> bool:
	var wanted := world.kills + 1
	var last_space := 0
	var announced := -1
	while world.kills < wanted:
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
	return true


## Waits a moment after each kill for loot to fall (a kill drops nothing about a quarter of the
## time) and hunts again if none did; walks to the loot, clicks it and checks the bags and the
## inventory window.
func _loot(world: World) -> bool:
	var deadline := Time.get_ticks_msec() + LOOT_TIMEOUT_MSEC
	var kill_seen_at := Time.get_ticks_msec()
	var loot := -1
	while loot < 0:
		if not await _tick(deadline, "loot on the ground", _world_state.bind(world)):
			return false
		loot = _nearest_of(world, EntityView.KIND_ITEM)
		if loot < 0 and Time.get_ticks_msec() - kill_seen_at > 3000:
			print("step no loot from that kill: hunting another")
			if not await _kill_one(world, deadline):
				return false
			kill_seen_at = Time.get_ticks_msec()
	var view: EntityView = world.views[loot]
	var type_id := view.type_id
	var label := view.entity_name
	print("step loot on the ground: %s x%d (#%d)" % [label, view.level, loot])
	var before: int = world.held.get(type_id, 0)
	var clicked_at := 0
	while int(world.held.get(type_id, 0)) <= before:
		if not await _tick(deadline, "picking up %s" % label, _world_state.bind(world)):
			return false
		if world.map == null or world.map.prediction == null or world.hud.is_death_shown():
			_hold(Vector2.ZERO)
			continue
		var entity: Dictionary = world.map.entities.get(loot, {})
		if entity.is_empty():
			continue # picked up: the InventoryUpdate is on its way
		var where := Vector2(entity["x"], entity["y"])
		var here := Vector2(world.map.prediction.x, world.map.prediction.y)
		if where.distance_to(world.map.position) > world.PICKUP_REACH * 0.6:
			_walk_to(world, world.map_view.cell_of(where), here)
		else:
			_hold(Vector2.ZERO)
			if Time.get_ticks_msec() - clicked_at > 1000: # a click, as a player would, until it is ours
				clicked_at = Time.get_ticks_msec()
				_click(world, world.views[loot].position)
	_hold(Vector2.ZERO)
	_looted_type = type_id
	var gained := "-- + %s" % label
	if not await _until(func() -> bool: return world.hud.chat_text().contains(gained), "'%s' in the chat box" % gained,
			func() -> String: return world.hud.chat_text().right(300)):
		return false
	print("step picked up %s with a click: '%s' in the chat box, %d in the bags" % [label,
		_last_line(world.hud.chat_text(), gained), world.held[type_id]])

	_press_key(KEY_I)
	var window: InventoryWindow = world.hud.inventory
	if not await _until(func() -> bool: return window.visible, "the inventory window after I"):
		return false
	var slot := window.slot_of_type(type_id)
	if slot < 0 or not window.slot_text(slot).begins_with(label):
		_fail("the inventory window does not show %s: slot %d reads '%s'" % [label, slot, window.slot_text(slot)])
		return false
	window.slot_button(slot).pressed.emit()
	var detail := window.find_child("Detail", true, false) as Label
	if window.selected_slot != slot or not detail.text.begins_with(label):
		_fail("selecting slot %d shows '%s'" % [slot, detail.text])
		return false
	print("step inventory window shows %s in slot %d: '%s'" % [label, slot, detail.text])
	await _screenshot("inventory.png")
	return true


## Walks to the other player in sight, clicks them to ask for a trade, offers the loot from the
## inventory window, locks and confirms in the trade window, and checks what came back.
func _trade(world: World) -> bool:
	var deadline := Time.get_ticks_msec() + TRADE_TIMEOUT_MSEC
	var window: TradeWindow = world.hud.trade
	var partner := -1
	var asked_at := 0
	while not window.visible or int(window.trade.get("state", -1)) != TradeWindow.OPEN:
		if not await _tick(deadline, "a trade open with another player", _world_state.bind(world)):
			return false
		if world.map == null or world.map.prediction == null or world.hud.is_death_shown():
			_hold(Vector2.ZERO)
			continue
		partner = _nearest_of(world, EntityView.KIND_PLAYER)
		if partner < 0:
			continue
		var entity: Dictionary = world.map.entities.get(partner, {})
		var where := Vector2(entity["x"], entity["y"])
		var here := Vector2(world.map.prediction.x, world.map.prediction.y)
		if where.distance_to(world.map.position) > world.TRADE_REACH * 0.5:
			_walk_to(world, world.map_view.cell_of(where), here)
		else:
			_hold(Vector2.ZERO)
			if Time.get_ticks_msec() - asked_at > 3000:
				asked_at = Time.get_ticks_msec()
				print("step asking %s to trade with a click" % world.views[partner].entity_name)
				_click(world, world.views[partner].position)
	_hold(Vector2.ZERO)
	var partner_name := str(window.trade["partner_name"])
	print("step trade open with %s: '%s'" % [partner_name, window.text()])
	if not await _until(func() -> bool: return not window.trade.get("theirs", []).is_empty(), "%s's offer" % partner_name,
			func() -> String: return window.text()):
		return false
	var theirs: Dictionary = window.trade["theirs"][0]
	var inventory: InventoryWindow = world.hud.inventory
	var slot := inventory.slot_of_type(_looted_type)
	inventory.slot_button(slot).pressed.emit()
	var offer := inventory.action_button("offer")
	if offer.disabled:
		_fail("Offer is disabled with slot %d selected and the trade open" % slot)
		return false
	offer.pressed.emit()
	if not await _until(func() -> bool: return not window.trade.get("mine", []).is_empty(), "our offer in the trade window",
			func() -> String: return window.text()):
		return false
	print("step trade window: '%s'" % window.text())
	await _screenshot("trade.png")
	window.button("lock").pressed.emit()
	if not await _until(func() -> bool: return not window.button("confirm").disabled, "Confirm enabled (both locked)",
			func() -> String: return window.text()):
		return false
	window.button("confirm").pressed.emit()
	if not await _until(func() -> bool: return int(window.trade.get("state", -1)) == TradeWindow.DONE,
			"the trade done", func() -> String: return window.text()):
		return false
	var got := int(theirs["type_id"])
	if not await _until(func() -> bool: return int(world.held.get(got, 0)) >= int(theirs["quantity"]),
			"%s in the bags" % Session.item_name(got), func() -> String: return str(world.held)):
		return false
	if not world.hud.chat_text().contains("-- Trade with %s done --" % partner_name):
		_fail("no 'Trade with %s done' in the chat box: %s" % [partner_name, world.hud.chat_text().right(300)])
		return false
	print("step trade done with %s: '%s', got %s, bags %s" % [partner_name, window.text(), Session.item_name(got), world.held])
	window.button("close").pressed.emit()
	_press_key(KEY_I)
	await _until(func() -> bool: return not inventory.visible and not window.visible, "the windows closed")
	return not _finished


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


## The nearest entity of [param kind] to the character (by where the server has both), or -1.
func _nearest_of(world: World, kind: int) -> int:
	var best := -1
	var best_distance := INF
	for id: int in world.map.entities:
		var entity: Dictionary = world.map.entities[id]
		var distance := Vector2(entity["x"], entity["y"]).distance_to(world.map.position)
		if int(entity["kind"]) == kind and world.views.has(id) and distance < best_distance:
			best = id
			best_distance = distance
	return best


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


## A left click on what is drawn at [param point] (world coordinates), through the input system.
func _click(world: World, point: Vector2) -> void:
	var screen := world.get_viewport().get_final_transform() * world.get_canvas_transform() * point
	for pressed in [true, false]:
		var event := InputEventMouseButton.new()
		event.button_index = MOUSE_BUTTON_LEFT
		event.pressed = pressed
		event.position = screen
		event.global_position = screen
		Input.parse_input_event(event)


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
