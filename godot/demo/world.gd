## The World: the map server's view of the game, drawn and played.
##
## Opens a MapConnection with the gateway's assignment (Session.assignment), asks for the map's
## layout after Welcome and draws it (world/map_view.gd), shows the character where the client's
## prediction puts it and everyone else between snapshots (world/entity_view.gd), steers with the
## arrow keys or WASD, attacks with Space or a click, picks up loot with a click or F, keeps the
## inventory (I) and trades with a player clicked on, and shows what the servers say in the HUD
## (world/hud.gd, with its inventory and trade windows). A gate hands over to the next map: MapTransfer → gateway join_map → a new
## MapConnection with the ticket of join_map_success.
extends Node2D

const Session := preload("res://demo/session.gd")
const Messages := preload("res://demo/messages.gd")
const MapConnection := preload("res://addons/mmo_backend/map_connection.gd")
const ChatBox := preload("res://addons/mmo_backend/chat_box.gd")
const EntityView := preload("res://demo/world/entity_view.gd")
const DamageNumber := preload("res://demo/world/damage_number.gd")
const MapView := preload("res://demo/world/map_view.gd")
const Hud := preload("res://demo/world/hud.gd")

## The server refuses attacks closer together than 0.8 s; a little more keeps every one landing.
const ATTACK_INTERVAL_MSEC := 850
## The server measures attack range between centers plus both bodies (2 × 10 px).
const BODIES := 20.0
## A correction larger than this (a respawn, a gate) moves the character at once instead of gliding.
const SNAP_DISTANCE := 96.0
const CLICK_RADIUS := 22.0
## The server picks up loot within 64 px and trades within 160 px; a little less avoids refusals.
const PICKUP_REACH := 60.0
const TRADE_REACH := 150.0

const DAMAGE_DEALT_COLOR := Color(1, 0.95, 0.6)
const DAMAGE_TAKEN_COLOR := Color(1, 0.35, 0.3)
const DAMAGE_OTHER_COLOR := Color(0.85, 0.85, 0.85)
const GOOD_NEWS_COLOR := Color(0.6, 1, 0.6)
const BAD_NEWS_COLOR := Color(1, 0.55, 0.45)
const ANNOUNCEMENT_COLOR := Color(1, 0.75, 0.3)

## The connection to the current map's server; a new one after each gate.
var map: MapConnection
## What is drawn for each entity in sight, by entity id (not the character itself).
var views: Dictionary = {}
## The character, placed from the client-side prediction.
var player_view: EntityView
## The chat: typed lines to requests, what arrives to lines (the addon's chat_box.gd).
var chat := ChatBox.new()
## The character's figures: Welcome's fields, updated by Progress, combat and snapshots.
var stats: Dictionary = {}
## The mob being attacked: hit whenever it is in reach and the cooldown allows; -1 for none.
var target_id := -1
## Mobs this character finished off since entering.
var kills := 0
## What the character holds, by item type id: type → quantity (for "+ Slime Gel x2" lines).
var held: Dictionary = {}

var _respawn_at_msec := -1
var _last_attack_msec := 0
var _changing_map := false # between MapTransfer and the next map's Welcome
var _requested_channel := 0
var _map_generation := 0 # which MapConnection is the current one, for its closed signal
var _entered := false
var _chat_dirty := true
var _item_types_request := -1
var _trade_state := -1

@onready var map_view: MapView = $MapView
@onready var hud: Hud = $Hud
@onready var _entities: Node2D = $Entities
@onready var _effects: Node2D = $Effects
@onready var _camera: Camera2D = $Camera


func _ready() -> void:
	if Session.gateway == null or Session.assignment.is_empty():
		get_tree().change_scene_to_file.call_deferred(Session.CHARACTER_SELECT_SCENE)
		return
	var gateway := Session.gateway
	gateway.join_map_success.connect(_open_map)
	gateway.error.connect(_on_gateway_error)
	gateway.closed.connect(_on_gateway_closed)
	gateway.announcement.connect(_on_announcement)
	gateway.chat_message.connect(chat.on_chat_message)
	gateway.chat_history_received.connect(chat.on_chat_history_received)
	gateway.party_update.connect(chat.on_party_update)
	gateway.party_invitation.connect(chat.on_party_invitation)
	gateway.chat_answer.connect(chat.on_chat_answer)
	for chat_signal: Signal in [gateway.chat_message, gateway.party_update, gateway.party_invitation]:
		chat_signal.connect(_mark_chat_dirty.unbind(1))
	gateway.chat_history_received.connect(_mark_chat_dirty.unbind(2))
	gateway.chat_answer.connect(_mark_chat_dirty.unbind(2))
	hud.channel_requested.connect(_change_channel)
	hud.chat_submitted.connect(_say)
	hud.leave_requested.connect(_leave)
	hud.inventory.item_action.connect(_on_item_action)
	hud.trade.accept_pressed.connect(_on_trade_button.bind("accept"))
	hud.trade.lock_pressed.connect(_on_trade_button.bind("lock"))
	hud.trade.confirm_pressed.connect(_on_trade_button.bind("confirm"))
	hud.trade.cancel_pressed.connect(_on_trade_button.bind("cancel"))
	if Session.item_types.is_empty() and Session.auth != null: # names for loot, bags and trades
		Session.auth.completed.connect(_on_auth_completed)
		_item_types_request = Session.auth.item_types()
	_open_map(Session.assignment)


func _exit_tree() -> void:
	_close_map()


func _process(delta: float) -> void:
	Session.poll()
	if map != null:
		map.poll()
	_steer()
	_sync_views()
	var now := Time.get_ticks_msec()
	for view: EntityView in views.values():
		view.interpolate(now)
	_place_player(delta)
	_attack_target(now)
	_count_down_respawn(now)
	if _chat_dirty:
		_chat_dirty = false
		hud.show_chat(chat.lines)


# --- the map connection -------------------------------------------------------------------------

## Connects to the map server of [param assignment] (enter_world_success or join_map_success).
func _open_map(assignment: Dictionary) -> void:
	_close_map()
	_clear_world()
	map = MapConnection.new()
	map.welcome.connect(_on_welcome)
	map.map_layout.connect(_on_map_layout)
	map.snapshot.connect(_on_snapshot)
	map.combat.connect(_on_combat)
	map.progress.connect(_on_progress)
	map.died.connect(_on_died)
	map.map_transfer.connect(_on_map_transfer)
	map.channel_changed.connect(_on_channel_changed)
	map.rejected.connect(_on_rejected)
	map.inventory_changed.connect(_on_inventory)
	map.trade_changed.connect(_on_trade)
	_map_generation += 1 # (not the map itself: bound into its own signal, it would never be freed)
	map.closed.connect(_on_map_closed.bind(_map_generation))
	hud.set_map("Entering map %s..." % assignment.get("map_id", "?"))
	var error: Error = map.open(str(assignment["map_ip"]), int(assignment["map_port"]), str(assignment["ticket"]))
	if error != OK:
		hud.show_disconnected("Cannot connect to the map server at %s:%s (%s)." % [
			assignment["map_ip"], assignment["map_port"], error_string(error)])


## Ends the current map connection on purpose (its closed signal is then ignored).
func _close_map() -> void:
	var closing := map
	map = null
	if closing != null:
		closing.close()


func _on_welcome(msg: Dictionary) -> void:
	_changing_map = false
	stats = msg.duplicate()
	player_view = EntityView.new()
	player_view.is_self = true
	player_view.update_from({"id": msg["entity_id"], "kind": EntityView.KIND_PLAYER, "type_id": msg["class_id"],
		"name": msg["name"], "level": msg["level"], "hp": msg["hp"], "max_hp": msg["max_hp"], "state": 0})
	player_view.position = Vector2(msg["x"], msg["y"])
	_entities.add_child(player_view)
	_camera.position = player_view.position
	_camera.reset_smoothing()
	hud.set_channel(msg["channel"], msg["channel_count"])
	hud.set_stats(stats)
	map.request_map_layout()
	chat.add("-- %s is on map %d, channel %d --" % [msg["name"], msg["map_id"], msg["channel"]])
	if not _entered: # what was said before we came
		_entered = true
		Session.gateway.chat_history("world")
	Session.gateway.chat_history("map")
	_mark_chat_dirty()


func _on_map_layout(data: Dictionary) -> void:
	var definition: Dictionary = data["map"]
	map_view.show_layout(definition)
	hud.set_map("%s  (map %d)" % [map_view.map_name, definition.get("id", stats.get("map_id", 0))])
	_camera.limit_left = 0
	_camera.limit_top = -48 # room for the top bar over the map's first row
	_camera.limit_right = int(map_view.size_px.x)
	_camera.limit_bottom = int(map_view.size_px.y)


func _on_snapshot(msg: Dictionary) -> void:
	var now := Time.get_ticks_msec()
	for entry: Dictionary in msg["entries"]:
		var id: int = entry["id"]
		if id == map.entity_id:
			# Our own entry carries hp and state (the position is the snapshot's origin).
			if entry["flags"] & 2:
				stats["hp"] = entry["hp"]
				hud.set_stats(stats)
			if player_view != null:
				player_view.update_from(entry) # hp and state, when the entry has them
		elif entry["flags"] & 1 and map.entities.has(id):
			var entity: Dictionary = map.entities[id]
			_view_of(id, entity).add_sample(now, Vector2(entity["x"], entity["y"]))


func _on_combat(msg: Dictionary) -> void:
	var mine: bool = msg["attacker_id"] == map.entity_id
	var hit_me: bool = msg["target_id"] == map.entity_id
	var view: EntityView = player_view if hit_me else views.get(msg["target_id"])
	if view != null:
		view.update_from({"hp": msg["target_hp"], "state": EntityView.STATE_DEAD if msg["killed"] else view.state})
		var color := DAMAGE_TAKEN_COLOR if hit_me else (DAMAGE_DEALT_COLOR if mine else DAMAGE_OTHER_COLOR)
		_effects.add_child(DamageNumber.new().setup(str(msg["damage"]), view.position, color))
	if hit_me:
		stats["hp"] = msg["target_hp"]
		hud.set_stats(stats)
	if mine and msg["killed"]:
		kills += 1
		var victim := view.entity_name if view != null else "it"
		chat.add("-- You defeated %s --" % victim)
		hud.announce("You defeated %s" % victim, GOOD_NEWS_COLOR, 2.0)
		_mark_chat_dirty()


func _on_progress(msg: Dictionary) -> void:
	var gained: int = msg["exp"] - stats.get("exp", 0)
	var leveled: bool = msg["level"] > stats.get("level", 1)
	for field in ["level", "exp", "next_level_exp", "max_hp", "max_mp", "attack", "defense"]:
		stats[field] = msg[field]
	if leveled: # a new level heals fully
		stats["hp"] = stats["max_hp"]
		stats["mp"] = stats["max_mp"]
		hud.announce("Level up! You are level %d" % stats["level"], GOOD_NEWS_COLOR, 4.0)
		chat.add("-- Level %d --" % stats["level"])
		_mark_chat_dirty()
	if player_view != null:
		player_view.update_from({"level": stats["level"], "hp": stats["hp"], "max_hp": stats["max_hp"]})
		if gained > 0 and not leveled:
			_effects.add_child(DamageNumber.new().setup("+%d EXP" % gained, player_view.position, GOOD_NEWS_COLOR))
	hud.set_stats(stats)


func _on_died(msg: Dictionary) -> void:
	var tick_rate: int = stats.get("tick_rate", 20)
	_respawn_at_msec = Time.get_ticks_msec() + int(msg["respawn_ticks"] * 1000.0 / tick_rate)
	_set_target(-1)
	stats["hp"] = 0
	hud.set_stats(stats)
	if player_view != null:
		player_view.update_from({"hp": 0, "state": EntityView.STATE_DEAD})
	var killer: EntityView = views.get(msg["killer_id"])
	chat.add("-- You were killed%s --" % (" by " + killer.entity_name if killer != null else ""))
	_mark_chat_dirty()


func _count_down_respawn(now: int) -> void:
	if _respawn_at_msec < 0:
		return
	var left := (_respawn_at_msec - now) / 1000.0
	if left > 0:
		hud.show_death(left)
		return
	# The server brings the character back at the spawn point with full health.
	_respawn_at_msec = -1
	hud.hide_death()
	stats["hp"] = stats.get("max_hp", 1)
	hud.set_stats(stats)
	if player_view != null:
		player_view.update_from({"hp": stats["hp"], "state": 0})


func _on_map_transfer(msg: Dictionary) -> void:
	# The server saved us on the next map and is about to close this connection (Rejected
	# MAP_TRANSFER); the gateway issues the ticket for that map's server.
	_changing_map = true
	hud.announce("Travelling to map %d..." % msg["map_id"], GOOD_NEWS_COLOR, 3.0)
	Session.gateway.join_map(msg["map_id"])


func _on_channel_changed(msg: Dictionary) -> void:
	if msg["accepted"]:
		stats["channel"] = msg["channel"]
		_set_target(-1)
		hud.announce("Now on channel %d" % msg["channel"], GOOD_NEWS_COLOR, 2.5)
		chat.add("-- Channel %d --" % msg["channel"])
		_mark_chat_dirty()
	else: # the answer names the channel we stay on
		hud.announce("Channel %d refused you (full, or not now)" % _requested_channel, BAD_NEWS_COLOR, 3.0)
		chat.add("-- Channel %d refused you --" % _requested_channel)
		_mark_chat_dirty()
	hud.set_channel(stats.get("channel", 1), stats.get("channel_count", 1))


func _on_rejected(code: String, message: String) -> void:
	if code == "MAP_TRANSFER":
		return # expected after MapTransfer: the next map's connection is on its way
	hud.show_disconnected(Messages.map_rejected(code, message))


func _on_map_closed(generation: int) -> void:
	if map == null or generation != _map_generation or _changing_map or hud.is_disconnected():
		return
	hud.show_disconnected("Lost the connection to the map server.")


# --- items and trades ---------------------------------------------------------------------------

func _on_auth_completed(request_id: int, ok: bool, _status: int, data: Variant) -> void:
	if request_id != _item_types_request:
		return
	_item_types_request = -1
	if not ok:
		chat.add("(%s) item names are not available" % str(data.get("code", "?") if data is Dictionary else "?"))
		_mark_chat_dirty()
		return
	Session.keep_item_types(data)
	for view: EntityView in views.values():
		if view.is_item():
			view.item_kind = _item_kind(view.type_id)
			view.queue_redraw()
	if map != null:
		hud.inventory.show_items(map.inventory)


## The bags changed (or an action was refused): the window, and a chat line for what was gained.
func _on_inventory(msg: Dictionary) -> void:
	var refused: Variant = msg.get("refused")
	if refused is String and refused != "":
		var text := Messages.item_refused(refused)
		hud.inventory.show_refusal(text)
		hud.announce(text, BAD_NEWS_COLOR, 2.5)
		return
	var now := {}
	for entry: Dictionary in map.inventory.values():
		now[int(entry["type_id"])] = int(now.get(int(entry["type_id"]), 0)) + int(entry["quantity"])
	if not msg["full"]:
		for type_id: int in now:
			var gained: int = now[type_id] - int(held.get(type_id, 0))
			if gained > 0:
				chat.add("-- + %s%s --" % [Session.item_name(type_id), " x%d" % gained if gained > 1 else ""])
				_mark_chat_dirty()
	held = now
	hud.inventory.show_items(map.inventory)


func _on_item_action(action: String, slot: int) -> void:
	if map == null:
		return
	match action:
		"use":
			map.use_item(slot)
		"equip":
			map.equip(slot)
		"unequip":
			map.unequip(slot)
		"drop":
			map.drop_item(slot)
		"destroy":
			map.destroy_item(slot)
		"offer":
			map.offer(slot)
		"withdraw":
			map.withdraw_offer(slot)


func _on_trade_button(button: String) -> void:
	if map == null:
		return
	match button:
		"accept":
			map.accept_trade(int(hud.trade.trade["partner_id"]))
		"lock":
			map.lock_trade()
		"confirm":
			map.confirm_trade()
		"cancel":
			map.cancel_trade()


func _on_trade(msg: Dictionary) -> void:
	var state: int = msg["state"]
	var changed := state != _trade_state
	_trade_state = state
	hud.trade.show_trade(msg)
	hud.inventory.show_offers(hud.trade.is_open_for_offers(), hud.trade.offered_slots())
	if not changed:
		return
	var partner := str(msg.get("partner_name", "?"))
	match state:
		MapConnection.TRADE_INVITED:
			hud.announce("%s wants to trade with you" % partner, GOOD_NEWS_COLOR, 4.0)
		MapConnection.TRADE_OPEN:
			hud.inventory.visible = true # offers are made from the bags
		MapConnection.TRADE_DONE:
			chat.add("-- Trade with %s done --" % partner)
			hud.announce("Trade with %s done" % partner, GOOD_NEWS_COLOR, 3.0)
			_mark_chat_dirty()
		MapConnection.TRADE_CANCELLED:
			var reason: Variant = msg.get("reason")
			chat.add("-- %s --" % Messages.trade_ended(reason if reason is String and reason != "" else "cancelled"))
			_mark_chat_dirty()


## Picks up loot [param id] when it is in reach; else says to walk closer.
func pick_up(id: int) -> void:
	if map == null or not views.has(id):
		return
	if _server_distance(id) > PICKUP_REACH:
		hud.announce("%s is out of reach: walk closer" % views[id].entity_name, Color.WHITE, 1.5)
		return
	map.pick_up(id)


## Asks player [param id] to trade when near enough.
func ask_to_trade(id: int) -> void:
	if map == null or not views.has(id):
		return
	if _server_distance(id) > TRADE_REACH:
		hud.announce("%s is too far away to trade: walk closer" % views[id].entity_name, Color.WHITE, 1.5)
		return
	map.request_trade(id)


func _nearest_loot_in_reach() -> int:
	var best := -1
	var best_distance := PICKUP_REACH
	for id: int in views:
		var distance := _server_distance(id)
		if views[id].is_item() and distance <= best_distance:
			best = id
			best_distance = distance
	return best


func _item_kind(type_id: int) -> String:
	return str(Session.item_types.get(type_id, {}).get("kind", ""))


# --- the gateway -------------------------------------------------------------------------------

func _on_gateway_error(code: String, message: String) -> void:
	if _changing_map and not code.begins_with("CHAT_"): # join_map refused: no next map to go to
		hud.show_disconnected(Messages.gateway_error(code, message))
		return
	chat.on_error(code, message) # chat refusals (CHAT_MUTED, PLAYER_OFFLINE, ...) belong in the box
	_mark_chat_dirty()
	if not code.begins_with("CHAT_"):
		hud.announce(Messages.gateway_error(code, message), BAD_NEWS_COLOR, 5.0)


func _on_gateway_closed(code: int, reason: String) -> void:
	if Session.gateway == null:
		return # we closed it
	_close_map()
	hud.show_disconnected(Messages.gateway_closed(code, reason))


func _on_announcement(message: String) -> void:
	hud.announce(message, ANNOUNCEMENT_COLOR, 8.0)
	chat.add("[announcement] " + message)
	_mark_chat_dirty()


func _say(text: String) -> void:
	chat.submit(Session.gateway, text)
	_mark_chat_dirty()


func _mark_chat_dirty() -> void:
	_chat_dirty = true


func _leave() -> void:
	_close_map()
	Session.close_gateway()
	get_tree().change_scene_to_file(Session.CHARACTER_SELECT_SCENE)


# --- the player's input ------------------------------------------------------------------------

func _steer() -> void:
	if map == null:
		return
	var direction := Vector2.ZERO
	if not hud.is_typing() and _respawn_at_msec < 0:
		direction = Input.get_vector("ui_left", "ui_right", "ui_up", "ui_down")
		direction += Vector2(
			int(Input.is_physical_key_pressed(KEY_D)) - int(Input.is_physical_key_pressed(KEY_A)),
			int(Input.is_physical_key_pressed(KEY_S)) - int(Input.is_physical_key_pressed(KEY_W)))
	direction = direction.limit_length(1.0)
	map.steer(direction.x, direction.y)


func _unhandled_input(event: InputEvent) -> void:
	var click := event as InputEventMouseButton
	if click != null and click.pressed and click.button_index == MOUSE_BUTTON_LEFT:
		var clicked := _entity_at((make_input_local(click) as InputEventMouseButton).position)
		var view: EntityView = views.get(clicked)
		if view != null and view.is_item():
			pick_up(clicked)
		elif view != null and view.kind == EntityView.KIND_PLAYER:
			ask_to_trade(clicked)
		else:
			_set_target(clicked)
		get_viewport().set_input_as_handled()
		return
	var key := event as InputEventKey
	if key == null or not key.pressed or key.echo:
		return
	if key.keycode == KEY_SPACE:
		_target_nearest_mob()
	elif key.keycode == KEY_ENTER or key.keycode == KEY_KP_ENTER:
		hud.focus_chat()
	elif key.keycode == KEY_I:
		hud.toggle_inventory()
	elif key.keycode == KEY_F:
		var loot := _nearest_loot_in_reach()
		if loot >= 0:
			pick_up(loot)
		else:
			hud.announce("No loot in reach", BAD_NEWS_COLOR, 1.5)
	elif key.keycode >= KEY_1 and key.keycode <= KEY_9:
		_change_channel(key.keycode - KEY_0)
	else:
		return
	get_viewport().set_input_as_handled()


func _change_channel(channel: int) -> void:
	if map == null or channel == stats.get("channel", 0) or channel > stats.get("channel_count", 1):
		hud.set_channel(stats.get("channel", 1), stats.get("channel_count", 1))
		return
	_requested_channel = channel
	hud.announce("Switching to channel %d..." % channel)
	map.change_channel(channel)


# Space: the nearest live mob in reach, else the nearest one in sight (hit once it is in reach).
func _target_nearest_mob() -> void:
	var best := -1
	var best_distance := INF
	for id: int in views:
		var view: EntityView = views[id]
		var distance := _server_distance(id)
		if view.is_mob() and view.is_alive() and distance < best_distance:
			best = id
			best_distance = distance
	_set_target(best)
	if best < 0:
		hud.announce("No monster in sight", BAD_NEWS_COLOR, 1.5)
	elif best_distance > attack_reach():
		hud.announce("%s is out of reach: walk closer" % views[best].entity_name, Color.WHITE, 1.5)


## The live mob, player or loot drawn at [param point] (the nearest, if several), or -1.
func _entity_at(point: Vector2) -> int:
	var best := -1
	var best_distance := CLICK_RADIUS
	for id: int in views:
		var view: EntityView = views[id]
		var distance := view.position.distance_to(point)
		if (view.is_item() or view.is_alive()) and distance <= best_distance:
			best = id
			best_distance = distance
	return best


func _set_target(id: int) -> void:
	if views.has(target_id):
		views[target_id].targeted = false
	target_id = id
	if views.has(target_id):
		views[target_id].targeted = true


func _attack_target(now: int) -> void:
	if target_id < 0 or map == null or _respawn_at_msec >= 0:
		return
	var view: EntityView = views.get(target_id)
	if view == null or not view.is_alive():
		_set_target(-1)
		return
	if now - _last_attack_msec >= ATTACK_INTERVAL_MSEC and _server_distance(target_id) <= attack_reach():
		_last_attack_msec = now
		map.attack(target_id)


## How far from a mob the server still accepts an attack on it.
func attack_reach() -> float:
	return float(stats.get("attack_range", 40.0)) + BODIES - 2.0


# Range checks use where the server has both bodies now, not where they are drawn.
func _server_distance(id: int) -> float:
	var entity: Dictionary = map.entities.get(id, {})
	if entity.is_empty():
		return INF
	return Vector2(entity["x"], entity["y"]).distance_to(map.position)


# --- drawing -----------------------------------------------------------------------------------

func _view_of(id: int, entity: Dictionary) -> EntityView:
	var view: EntityView = views.get(id)
	if view == null:
		view = EntityView.new()
		view.update_from(entity)
		if view.is_item():
			view.item_kind = _item_kind(view.type_id)
		view.add_sample(Time.get_ticks_msec(), Vector2(entity["x"], entity["y"]))
		views[id] = view
		_entities.add_child(view)
	return view


# Views follow MapConnection.entities: new ones appear, departed ones go (a channel change empties it).
func _sync_views() -> void:
	if map == null:
		return
	for id: int in map.entities:
		_view_of(id, map.entities[id]).update_from(map.entities[id])
	for id: int in views.keys():
		if not map.entities.has(id):
			views[id].queue_free()
			views.erase(id)
			if id == target_id:
				target_id = -1


func _place_player(delta: float) -> void:
	if player_view == null or map == null or map.prediction == null:
		return
	var predicted := Vector2(map.prediction.x, map.prediction.y)
	if player_view.position.distance_to(predicted) > SNAP_DISTANCE:
		player_view.position = predicted
		_camera.reset_smoothing()
	else:
		# Inputs go out 20 times a second; gliding hides the steps between them.
		player_view.position = player_view.position.lerp(predicted, minf(1.0, delta * 20.0))
	_camera.position = player_view.position


func _clear_world() -> void:
	for view: Node in _entities.get_children():
		view.queue_free()
	views.clear()
	player_view = null
	target_id = -1
	_respawn_at_msec = -1
	hud.hide_death()
	hud.trade.hide() # a trade ends with the map connection
	_trade_state = -1
	map_view.clear()
