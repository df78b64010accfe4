extends SceneTree
## The whole client flow from a real Godot 4 engine, against a running backend: register, create a
## character, enter the world through the gateway, refresh the tokens and hand the new access token
## to the open socket (reauth), connect to the map server with the ticket, ask for the map's layout
## and check it against the world the server simulates, say a map line and hear it back and find it
## in the map's history, receive the inventory and have an item action refused with its reason,
## receive snapshots, move and see the server move us, hit a mob, disconnect.
## With MMO_EXPECT_ANNOUNCEMENT set, it also waits for support staff's announcement of that text (the
## end-to-end test posts it). With MMO_MAP_FILE (a path the engine can read, e.g. a copy of
## content/maps/1.json under /tmp) the layout must also equal that file's tiles. The map auth-service
## serves (GET /maps/<id>) must be the layout the map server sent.
## Prints one "step ..." line per step and "E2E OK" at the end; exit code 0 when every step passed.
##   ./scripts/start-dev.sh && cd godot && MMO_AUTH_URL=http://127.0.0.1:3000 MMO_GATEWAY_URL=ws://127.0.0.1:3002 \
##     ../scripts/godot4.sh run --headless --path . -s res://test/e2e.gd

const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const Json = preload("res://addons/mmo_backend/json.gd")

const DEADLINE_MSEC := 150000
const SNAPSHOTS_WANTED := 20
const MOB := 1
const DEAD := 2

var auth := AuthApi.new(_env("MMO_AUTH_URL", "http://127.0.0.1:3000"))
var gateway := GatewayConnection.new(_env("MMO_GATEWAY_URL", "ws://127.0.0.1:3002"))
var map := MapConnection.new()
var step: String = "register"
var started: int = 0
var last_attack: int = 0
var start_position := Vector2()
var character_id: String = ""
var target: int = -1
var done: bool = false
var chat_line: String = ""
var chat_done: bool = false
var layout_done: bool = false
var served_map_request: int = -1
var served_map_done: bool = false
var map_version: String = ""
var announcement_wanted: String = _env("MMO_EXPECT_ANNOUNCEMENT", "")
var announced: bool = false
var item_types_request: int = -1
var item_types_done: bool = false
var inventory_full: bool = false
var items_done: bool = false


func _init() -> void:
	randomize()
	Engine.max_fps = 120 # headless frames would otherwise spin a core
	started = Time.get_ticks_msec()
	auth.completed.connect(_on_auth)
	gateway.welcome.connect(_on_gateway_welcome)
	gateway.enter_world_success.connect(_on_enter_world)
	gateway.reauth_success.connect(_on_reauth)
	gateway.follow(auth)
	gateway.error.connect(_on_gateway_error)
	gateway.closed.connect(_on_gateway_closed)
	gateway.chat_message.connect(_on_chat_message)
	gateway.chat_history_received.connect(_on_chat_history)
	gateway.announcement.connect(_on_announcement)
	map.welcome.connect(_on_map_welcome)
	map.map_layout.connect(_on_map_layout)
	map.combat.connect(_on_combat)
	map.rejected.connect(_on_rejected)
	map.inventory_changed.connect(_on_inventory)
	var user := "godot_%d_%d" % [Time.get_ticks_msec() % 100000, randi() % 100000]
	print("step register ", user)
	auth.register(user, "correct-horse-" + user)


func _process(_delta: float) -> bool:
	if done:
		return false
	auth.poll()
	gateway.poll()
	map.poll()
	var now := Time.get_ticks_msec()
	if now - started > DEADLINE_MSEC:
		_fail("timed out at step '%s'" % step)
	elif step == "snapshots" and map.snapshots_received >= SNAPSHOTS_WANTED:
		print("step snapshots received ", map.snapshots_received)
		start_position = map.position
		step = "move"
	elif step == "move":
		map.steer(1, 0) # MapConnection sends MoveInput at the server's tick rate
		if map.position.distance_to(start_position) > 8:
			map.steer(0, 0)
			print("step moved from (%d, %d) to (%d, %d), predicted (%d, %d)" % [start_position.x, start_position.y,
				map.position.x, map.position.y, map.prediction.x, map.prediction.y])
			step = "hunt"
	elif step == "hunt":
		_hunt(now)
	return false


func _hunt(now: int) -> void:
	if target < 0 or not map.entities.has(target):
		target = _nearest_mob()
		if target < 0:
			map.steer(0, 1) # look around
			return
		print("step hunting ", map.entities[target]["name"], " #", target)
	var mob: Dictionary = map.entities[target]
	var delta := Vector2(mob["x"], mob["y"]) - map.position
	var reach: float = map.welcome_message["attack_range"] * 0.8
	if delta.length() > reach:
		var direction := delta.normalized()
		map.steer(direction.x, direction.y)
	else:
		map.steer(0, 0)
		if now - last_attack >= 900:
			last_attack = now
			map.attack(target)


func _nearest_mob() -> int:
	var best := -1
	var best_distance := INF
	for id: int in map.entities:
		var entity: Dictionary = map.entities[id]
		if entity["kind"] != MOB or entity.get("state", 0) == DEAD:
			continue
		var distance := Vector2(entity["x"], entity["y"]).distance_to(map.position)
		if distance < best_distance:
			best_distance = distance
			best = id
	return best


func _on_auth(request_id: int, ok: bool, status: int, data: Variant) -> void:
	if request_id == served_map_request and ok:
		_on_served_map(data)
		return
	if request_id == item_types_request and ok:
		var types: Variant = data.get("items") if data is Dictionary else null
		if types is not Array or types.is_empty() or str(types[0].get("name", "")) == "":
			_fail("GET /items answered " + str(data).left(200))
			return
		print("step item types ", types.size(), " first ", types[0]["name"])
		item_types_done = true
		return
	if not ok:
		_fail("auth-service answered %d %s at step '%s'" % [status, str(data), step])
		return
	if step == "register":
		print("step registered user ", auth.session["user_id"])
		step = "classes"
		auth.classes()
	elif step == "classes":
		if data is not Array or data.is_empty():
			_fail("no character classes")
			return
		print("step classes ", data.size(), " first ", data[0]["name"])
		step = "create"
		auth.create_character("Gd%d" % (randi() % 100000000), data[0]["id"])
	elif step == "create":
		character_id = str(data["id"])
		print("step character created ", data["name"], " #", character_id, " level ", data["level"])
		step = "gateway"
		gateway.open(auth.access_token())


func _on_gateway_welcome(data: Dictionary) -> void:
	print("step gateway welcome user ", data["user_id"])
	step = "refresh"
	auth.refresh() # the socket follows the session: the new access token goes to the gateway as reauth


func _on_reauth(data: Dictionary) -> void:
	if step != "refresh":
		return
	print("step reauth_success expires_in ", data["expires_in"])
	step = "enter_world"
	gateway.enter_world(character_id)


func _on_enter_world(data: Dictionary) -> void:
	print("step enter_world_success map ", data["map_id"], " at ", data["map_ip"], ":", data["map_port"],
		" version ", data.get("map_version", "?"))
	map_version = str(data.get("map_version", ""))
	step = "map"
	map.open(data["map_ip"], data["map_port"], data["ticket"])
	chat_line = "hello from godot %d" % (randi() % 100000)
	gateway.chat_send("map", chat_line) # heard back as chat_message, then found in the map's history


func _on_chat_message(data: Dictionary) -> void:
	if str(data.get("text", "")) == chat_line and str(data.get("channel", "")) == "map":
		print("step chat heard '", data["text"], "' from ", data["from"]["name"], " on map ", data["map_id"])
		gateway.chat_history("map")


func _on_chat_history(channel: String, messages: Array) -> void:
	for line: Dictionary in messages:
		if str(line.get("text", "")) == chat_line:
			print("step chat history of ", channel, " holds it among ", messages.size(), " line(s)")
			chat_done = true


func _on_map_welcome(msg: Dictionary) -> void:
	print("step map welcome entity ", msg["entity_id"], " ", msg["name"], " on map ", msg["map_id"], " channel ",
		msg["channel"], " at (", msg["x"], ", ", msg["y"], ")")
	map.request_map_layout()
	step = "snapshots"


# The layout must be the map the server simulates: the map we were welcomed on, a rectangle of
# tiles, the player standing on a tile that does not block (the mobs in view are checked when one
# is hit), and with MMO_MAP_FILE the very tiles of that file.
func _on_map_layout(data: Dictionary) -> void:
	var layout: Dictionary = data["map"]
	var tiles: Array = layout.get("tiles", [])
	var problem := ""
	if layout.is_empty() or tiles.is_empty():
		problem = "no tiles in the definition: " + str(data["definition"]).left(200)
	elif data["map_id"] != map.welcome_message["map_id"] or str(layout.get("id")) != str(data["map_id"]):
		problem = "layout of map %s (id %s) on map %s" % [data["map_id"], layout.get("id"), map.welcome_message["map_id"]]
	elif map.layout != layout:
		problem = "MapConnection.layout is not the signal's map"
	else:
		for row: Variant in tiles:
			if row is not String or row.length() != tiles[0].length():
				problem = "the rows are not all %d tiles" % tiles[0].length()
		if problem == "":
			problem = _blocked_under(layout, "the player", Vector2(map.welcome_message["x"], map.welcome_message["y"]))
		var file := _env("MMO_MAP_FILE", "")
		if problem == "" and file != "":
			var expected: Variant = Json.decode(FileAccess.get_file_as_string(file)) if FileAccess.file_exists(file) else null
			if expected is not Dictionary or expected.get("tiles") != tiles:
				problem = "the tiles differ from " + file
	if problem != "":
		_fail("map layout: " + problem)
		return
	print("step map layout ", layout.get("name", "?"), " ", tiles[0].length(), "x", tiles.size())
	layout_done = true
	served_map_request = auth.map_definition(data["map_id"])


# The map auth-service serves to draw is the one the map server simulates: the same definition.
func _on_served_map(data: Variant) -> void:
	if data is not Dictionary or data != map.layout:
		_fail("the served map differs from the map server's layout: " + str(data).left(200))
		return
	if map_version == "":
		_fail("enter_world_success carried no map_version")
		return
	print("step served map ", data.get("name", "?"), " equals the server's layout, version ", map_version)
	served_map_done = true
	item_types_request = auth.item_types()


func _blocked_under(layout: Dictionary, who: String, at: Vector2) -> String:
	var tiles: Array = layout["tiles"]
	var tile_size: int = maxi(1, int(layout.get("tile_size", 32)))
	var column := floori(at.x / tile_size)
	var row := floori(at.y / tile_size)
	if row < 0 or row >= tiles.size() or column < 0 or column >= tiles[row].length():
		return "%s at %s is outside the map" % [who, at]
	var tile: String = tiles[row][column]
	if str(layout.get("blocked", "")).contains(tile):
		return "%s at %s stands on '%s', which blocks" % [who, at, tile]
	return ""


func _on_combat(msg: Dictionary) -> void:
	if step == "hunt" and msg["attacker_id"] == map.entity_id:
		print("step hit mob #", msg["target_id"], " for ", msg["damage"], " damage, its hp ", msg["target_hp"])
		if not chat_done:
			_fail("the chat line never came back with its history")
			return
		if not layout_done:
			_fail("the map layout never came")
			return
		if not served_map_done:
			_fail("auth-service's map never came")
			return
		if not items_done or not item_types_done:
			_fail("the inventory, the answer to an item action or the item types never came")
			return
		for id: int in map.entities:
			var entity: Dictionary = map.entities[id]
			var problem := _blocked_under(map.layout, "mob #%d" % id, Vector2(entity["x"], entity["y"])) if entity["kind"] == MOB else ""
			if problem != "":
				_fail("map layout: " + problem)
				return
		if announcement_wanted != "" and not announced:
			print("step waiting for the announcement")
			step = "announcement"
			return
		_finish()


func _on_announcement(message: String) -> void:
	print("step announcement '", message, "'")
	if message == announcement_wanted:
		announced = true
		if step == "announcement":
			_finish()


# A new character's bag is empty: the full inventory comes after Welcome (the connection asks for
# it), and using an item of an empty slot is refused with its reason.
func _on_inventory(msg: Dictionary) -> void:
	if msg["full"] and not inventory_full:
		inventory_full = true
		print("step inventory ", map.inventory.size(), " item(s)")
		map.use_item(29)
	elif inventory_full and not items_done:
		if msg["refused"] != "no_such_item":
			_fail("using an empty slot answered %s" % str(msg))
			return
		print("step item action refused: ", msg["refused"])
		items_done = true


func _on_gateway_error(code: String, message: String) -> void:
	_fail("gateway error %s: %s at step '%s'" % [code, message, step])


func _on_gateway_closed(code: int, reason: String) -> void:
	_fail("gateway closed %d %s at step '%s'" % [code, reason, step])


func _on_rejected(code: String, message: String) -> void:
	_fail("map server rejected %s: %s" % [code, message])


func _finish() -> void:
	done = true
	map.close()
	gateway.close()
	print("E2E OK in %d ms" % (Time.get_ticks_msec() - started))
	quit(0)


func _fail(reason: String) -> void:
	if done:
		return
	done = true
	print("E2E FAIL: ", reason)
	map.close()
	gateway.close()
	quit(1)


static func _env(name: String, fallback: String) -> String:
	var value := OS.get_environment(name)
	return value if value != "" else fallback
