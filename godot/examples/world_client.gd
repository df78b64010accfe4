# Login → pick character → enter world → move, in 30 lines. Attach to any Node.
# (Register "demo" first, e.g. ./scripts/bot.sh play --user demo --password demo-password.)
extends Node

const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")

var auth = AuthApi.new("http://localhost:3000")
var gateway = GatewayConnection.new("ws://localhost:3002")
var map = MapConnection.new()

func _ready():
	Compat.connect_signal(auth, "completed", self, "_on_auth")
	Compat.connect_signal(gateway, "welcome", self, "_on_welcome")
	Compat.connect_signal(gateway, "enter_world_success", self, "_on_enter_world")
	gateway.follow(auth)                       # refreshed tokens reach the open socket (reauth)
	auth.login("demo", "demo-password")

func _on_auth(_id, ok, _status, data):
	if ok and typeof(data) == TYPE_DICTIONARY and data.has("access_token"):
		auth.characters()                      # logged in: list the characters
	elif ok and typeof(data) == TYPE_ARRAY and data.size() > 0:
		set_meta("character_id", data[0]["id"]) # pick the first one
		gateway.open(auth.access_token())

func _on_welcome(_data):
	gateway.enter_world(get_meta("character_id"))

func _on_enter_world(data):
	map.open(data["map_ip"], data["map_port"], data["ticket"])

func _process(_delta):
	auth.poll()
	gateway.poll()
	map.poll()
	map.steer(Input.get_action_strength("ui_right") - Input.get_action_strength("ui_left"),
		Input.get_action_strength("ui_down") - Input.get_action_strength("ui_up"))
