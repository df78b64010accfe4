# The whole client flow from a real Godot engine, against a running backend: register, create a
# character, enter the world through the gateway, connect to the map server with the ticket,
# refresh the tokens and hand the new access token to the open socket (reauth), receive Welcome and
# snapshots, move and see the server move us, hit a mob, disconnect. With MMO_EXPECT_ANNOUNCEMENT set,
# it also waits for support staff's announcement of that text (the end-to-end test posts it).
# Prints one line per step; exit code 0 when every step passed. Headless:
#   MMO_AUTH_URL=http://127.0.0.1:3000 MMO_GATEWAY_URL=ws://127.0.0.1:3002 \
#     xvfb-run -a godot3 --no-window --path godot3 -s res://test/e2e.gd
extends SceneTree

const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")

const DEADLINE_MSEC = 150000
const SNAPSHOTS_WANTED = 20

var auth
var gateway
var map
var step = "register"
var started = 0
var last_attack = 0
var start_position = null
var character_id = ""
var assignment = null
var target = -1
var done = false
var chat_line = ""
var chat_done = false
var announcement_wanted = ""
var announced = false


func _init():
	randomize()
	started = Compat.ticks_msec()
	auth = AuthApi.new(_env("MMO_AUTH_URL", "http://127.0.0.1:3000"))
	gateway = GatewayConnection.new(_env("MMO_GATEWAY_URL", "ws://127.0.0.1:3002"))
	map = MapConnection.new()
	Compat.connect_signal(auth, "completed", self, "_on_auth")
	Compat.connect_signal(gateway, "welcome", self, "_on_gateway_welcome")
	Compat.connect_signal(gateway, "enter_world_success", self, "_on_enter_world")
	Compat.connect_signal(gateway, "reauth_success", self, "_on_reauth")
	gateway.follow(auth)
	Compat.connect_signal(gateway, "error", self, "_on_gateway_error")
	Compat.connect_signal(gateway, "closed", self, "_on_gateway_closed")
	Compat.connect_signal(gateway, "chat_message", self, "_on_chat_message")
	Compat.connect_signal(gateway, "chat_history", self, "_on_chat_history")
	Compat.connect_signal(gateway, "announcement", self, "_on_announcement")
	announcement_wanted = _env("MMO_EXPECT_ANNOUNCEMENT", "")
	Compat.connect_signal(map, "welcome", self, "_on_map_welcome")
	Compat.connect_signal(map, "combat", self, "_on_combat")
	Compat.connect_signal(map, "rejected", self, "_on_rejected")
	var user = "godot_%d_%d" % [Compat.ticks_msec() % 100000, randi() % 100000]
	print("step register ", user)
	auth.register(user, "correct-horse-" + user)


# Godot 3.x calls _idle on a SceneTree script, Godot 4 _process.
func _idle(_delta):
	_frame()


func _process(_delta):
	_frame()
	return false


func _frame():
	if done:
		return
	auth.poll()
	gateway.poll()
	map.poll()
	var now = Compat.ticks_msec()
	if now - started > DEADLINE_MSEC:
		_fail("timed out at step '%s'" % step)
		return
	if step == "snapshots" and map.snapshots_received >= SNAPSHOTS_WANTED:
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


func _hunt(now):
	if target < 0 or not map.entities.has(target):
		target = _nearest_mob()
		if target < 0:
			map.steer(0, 1) # look around
			return
		print("step hunting ", map.entities[target]["name"], " #", target)
	var mob = map.entities[target]
	var delta = Vector2(mob["x"], mob["y"]) - map.position
	var reach = map.welcome_message["attack_range"] * 0.8
	if delta.length() > reach:
		var direction = delta.normalized()
		map.steer(direction.x, direction.y)
	else:
		map.steer(0, 0)
		if now - last_attack >= 900:
			last_attack = now
			map.attack(target)


func _nearest_mob():
	var best = -1
	var best_distance = 1e9
	for id in map.entities.keys():
		var entity = map.entities[id]
		if entity["kind"] != 1 or entity.get("state", 0) == 2:
			continue
		var distance = Vector2(entity["x"], entity["y"]).distance_to(map.position)
		if distance < best_distance:
			best_distance = distance
			best = id
	return best


func _on_auth(_request_id, ok, status, data):
	if not ok:
		_fail("auth-service answered %d %s at step '%s'" % [status, str(data), step])
		return
	if step == "register":
		print("step registered user ", auth.session["user_id"])
		step = "classes"
		auth.classes()
	elif step == "classes":
		if typeof(data) != TYPE_ARRAY or data.size() == 0:
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


func _on_gateway_welcome(data):
	print("step gateway welcome user ", data["user_id"])
	step = "refresh"
	auth.refresh() # the socket follows the session: the new access token goes to the gateway as reauth


func _on_reauth(data):
	if step != "refresh":
		return
	print("step reauth_success expires_in ", data["expires_in"])
	step = "enter_world"
	gateway.enter_world(character_id)


func _on_enter_world(data):
	assignment = data
	print("step enter_world_success map ", data["map_id"], " at ", data["map_ip"], ":", data["map_port"])
	step = "map"
	map.open(data["map_ip"], data["map_port"], data["ticket"])
	chat_line = "hello from godot %d" % (randi() % 100000)
	gateway.chat_send("map", chat_line) # heard back as chat_message, then found in the map's history


func _on_chat_message(data):
	if data["text"] == chat_line and data["channel"] == "map":
		print("step chat heard '", data["text"], "' from ", data["from"]["name"], " on map ", data["map_id"])
		gateway.chat_history("map")


func _on_chat_history(channel, messages):
	for line in messages:
		if line["text"] == chat_line:
			print("step chat history of ", channel, " holds it among ", messages.size(), " line(s)")
			chat_done = true


func _on_map_welcome(msg):
	print("step map welcome entity ", msg["entity_id"], " ", msg["name"], " on map ", msg["map_id"], " channel ",
		msg["channel"], " at (", msg["x"], ", ", msg["y"], ")")
	step = "snapshots"


func _on_combat(msg):
	if step == "hunt" and msg["attacker_id"] == map.entity_id:
		print("step hit mob #", msg["target_id"], " for ", msg["damage"], " damage, its hp ", msg["target_hp"])
		if not chat_done:
			_fail("the chat line never came back with its history")
			return
		if announcement_wanted != "" and not announced:
			print("step waiting for the announcement")
			step = "announcement"
			return
		_finish()


func _on_announcement(message):
	print("step announcement '", message, "'")
	if message == announcement_wanted:
		announced = true
		if step == "announcement":
			_finish()


func _on_gateway_error(code, message):
	_fail("gateway error %s: %s at step '%s'" % [code, message, step])


func _on_gateway_closed(code, reason):
	if not done:
		_fail("gateway closed %d %s at step '%s'" % [code, reason, step])


func _on_rejected(code, message):
	if not done:
		_fail("map server rejected %s: %s" % [code, message])


func _finish():
	done = true
	map.close()
	gateway.close()
	print("E2E OK in %d ms" % (Compat.ticks_msec() - started))
	quit(0)


func _fail(reason):
	if done:
		return
	done = true
	print("E2E FAIL: ", reason)
	map.close()
	gateway.close()
	quit(1)


func _env(name, fallback):
	var value = OS.get_environment(name)
	return value if value != "" else fallback
