# Login → pick character → enter world → move, with every error reported, and a chat box (type and
# press Enter: a plain line is map chat; /world, /p, /w Name, /invite Name, /accept, /leave,
# /block Name, /history map: see addons/mmo_backend/chat_box.gd). Attach to any Node.
# The account is the one README's quick start creates: ./scripts/bot.sh play --user demo
# (its password is bot-password-demo). On another device, use the backend machine's address
# here and start the backend with SERVER_IP=<that address> so map servers hand it out too.
extends Node

const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")
const ChatBox = preload("res://addons/mmo_backend/chat_box.gd")

const USERNAME = "demo"
const PASSWORD = "bot-password-demo"

var auth = AuthApi.new("http://127.0.0.1:3000")
var gateway = GatewayConnection.new("ws://127.0.0.1:3002")
var map = MapConnection.new()
var chat = ChatBox.new()
var chat_log = Label.new()
var chat_input = LineEdit.new()
var entered = false

func _ready():
	Compat.connect_signal(auth, "completed", self, "_on_auth")
	Compat.connect_signal(auth, "session_lost", self, "_on_session_lost")
	Compat.connect_signal(gateway, "welcome", self, "_on_welcome")
	Compat.connect_signal(gateway, "enter_world_success", self, "_on_map_granted")
	Compat.connect_signal(gateway, "join_map_success", self, "_on_map_granted")
	Compat.connect_signal(gateway, "error", self, "_on_gateway_error")
	Compat.connect_signal(gateway, "closed", self, "_on_gateway_closed")
	Compat.connect_signal(map, "map_transfer", self, "_on_map_transfer")
	Compat.connect_signal(map, "rejected", self, "_on_map_rejected")
	Compat.connect_signal(map, "closed", self, "_on_map_closed")
	for signal_name in ["chat_message", "chat_history", "party_update", "party_invitation", "chat_answer"]:
		Compat.connect_signal(gateway, signal_name, chat, "on_" + signal_name)
		Compat.connect_signal(gateway, signal_name, self, "_on_chat_changed")
	_build_chat_box()
	gateway.follow(auth)                       # refreshed tokens reach the open socket (reauth)
	auth.login(USERNAME, PASSWORD)

func _on_auth(_id, ok, status, data):
	if not ok:
		# 401: no such account or wrong password (run the bot command above first); 429: slow down
		push_error("auth request failed (HTTP %s): %s" % [status, data])
	elif typeof(data) == TYPE_DICTIONARY and data.has("access_token"):
		auth.characters()                      # logged in: list the characters
	elif typeof(data) == TYPE_ARRAY and data.size() == 0:
		push_error("%s has no character yet: create one (POST /characters) or run the bot once" % USERNAME)
	elif typeof(data) == TYPE_ARRAY:
		set_meta("character_id", data[0]["id"]) # pick the first one
		gateway.open(auth.access_token())

func _on_session_lost(data):
	push_error("logged out (the refresh token was refused): %s" % [data])

func _on_welcome(_data):
	gateway.enter_world(get_meta("character_id"))

func _on_map_granted(data):
	map.close()                                # no-op the first time; a map transfer leaves the old server
	map.open(data["map_ip"], data["map_port"], data["ticket"])
	if not entered:                            # what was said before we came
		entered = true
		gateway.chat_history("world")
		gateway.chat_history("map")

func _on_map_transfer(msg):
	gateway.join_map(msg["map_id"])            # walked through a gate: a ticket for the next map

func _on_gateway_error(code, message):
	chat.on_error(code, message)               # chat refusals (CHAT_MUTED, PLAYER_OFFLINE, ...) show in the box
	_show_chat()
	push_error("gateway: %s %s" % [code, message])

func _on_gateway_closed(code, reason):
	push_error("gateway closed the connection: %s %s" % [code, reason])

func _on_map_rejected(code, message):
	if code != "MAP_TRANSFER":                 # MAP_TRANSFER follows map_transfer: not an error
		push_error("map server: %s %s" % [code, message])

func _on_map_closed():
	print("map connection closed")

func _process(_delta):
	auth.poll()
	gateway.poll()
	map.poll()
	map.steer(Input.get_action_strength("ui_right") - Input.get_action_strength("ui_left"),
		Input.get_action_strength("ui_down") - Input.get_action_strength("ui_up"))


# The chat box: the last lines above a text field, bottom left.
func _build_chat_box():
	var layer = CanvasLayer.new()
	add_child(layer)
	_place(chat_log, Vector2(8, 300), Vector2(480, 240))
	chat_log.set("valign", 2)                  # Godot 3: lines sit at the bottom
	chat_log.set("vertical_alignment", 2)      # Godot 4: the same
	_place(chat_input, Vector2(8, 548), Vector2(480, 28))
	chat_input.placeholder_text = "say something (Enter)"
	Compat.connect_signal(chat_input, "text_submitted" if Compat.is_godot4() else "text_entered", self, "_on_chat_typed")
	layer.add_child(chat_log)
	layer.add_child(chat_input)


static func _place(control, where, size):
	# rect_position / rect_size (Godot 3) became position / size (4); the other name is ignored.
	control.set("rect_position", where)
	control.set("position", where)
	control.set("rect_size", size)
	control.set("size", size)


func _on_chat_typed(text):
	chat.submit(gateway, text)
	chat_input.text = ""
	_show_chat()


# The chat signals carry one or two arguments; the box redraws after each (the box heard it first).
func _on_chat_changed(_a = null, _b = null):
	_show_chat()


func _show_chat():
	var text = ""
	for i in range(max(0, chat.lines.size() - 12), chat.lines.size()):
		text += chat.lines[i] + "\n"
	chat_log.text = text
