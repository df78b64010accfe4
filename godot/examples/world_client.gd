extends Node
## Login → pick character → enter world → move, with every error reported, and a chat box (type and
## press Enter: a plain line is map chat; /world, /p, /w Name, /invite Name, /accept, /leave,
## /block Name, /history map: see addons/mmo_backend/chat_box.gd). Attach to any Node.
## The account is the one README's quick start creates: ./scripts/bot.sh play --user demo
## (its password is bot-password-demo). On another device, use the backend machine's address
## here and start the backend with SERVER_IP=<that address> so map servers hand it out too.

const AuthApi = preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection = preload("res://addons/mmo_backend/gateway_connection.gd")
const MapConnection = preload("res://addons/mmo_backend/map_connection.gd")
const ChatBox = preload("res://addons/mmo_backend/chat_box.gd")

const USERNAME := "demo"
const PASSWORD := "bot-password-demo"

var auth := AuthApi.new("http://127.0.0.1:3000")
var gateway := GatewayConnection.new("ws://127.0.0.1:3002")
var map := MapConnection.new()
var chat := ChatBox.new()
var chat_log := Label.new()
var chat_input := LineEdit.new()
var character_id: String = ""
var entered: bool = false


func _ready() -> void:
	auth.completed.connect(_on_auth)
	auth.session_lost.connect(_on_session_lost)
	gateway.welcome.connect(_on_welcome)
	gateway.enter_world_success.connect(_on_map_granted)
	gateway.join_map_success.connect(_on_map_granted)
	gateway.error.connect(_on_gateway_error)
	gateway.closed.connect(_on_gateway_closed)
	map.map_transfer.connect(_on_map_transfer)
	map.rejected.connect(_on_map_rejected)
	map.closed.connect(_on_map_closed)
	# the chat box hears it first, then the label redraws
	gateway.chat_message.connect(chat.on_chat_message)
	gateway.chat_history_received.connect(chat.on_chat_history_received)
	gateway.party_update.connect(chat.on_party_update)
	gateway.party_invitation.connect(chat.on_party_invitation)
	gateway.chat_answer.connect(chat.on_chat_answer)
	gateway.chat_message.connect(_show_chat.unbind(1))
	gateway.chat_history_received.connect(_show_chat.unbind(2))
	gateway.party_update.connect(_show_chat.unbind(1))
	gateway.party_invitation.connect(_show_chat.unbind(1))
	gateway.chat_answer.connect(_show_chat.unbind(2))
	_build_chat_box()
	gateway.follow(auth)                       # refreshed tokens reach the open socket (reauth)
	auth.login(USERNAME, PASSWORD)


func _on_auth(_id: int, ok: bool, status: int, data: Variant) -> void:
	if not ok:
		# 401: no such account or wrong password (run the bot command above first); 429: slow down
		push_error("auth request failed (HTTP %s): %s" % [status, data])
	elif data is Dictionary and data.has("access_token"):
		auth.characters()                      # logged in: list the characters
	elif data is Array and data.is_empty():
		push_error("%s has no character yet: create one (POST /characters) or run the bot once" % USERNAME)
	elif data is Array:
		character_id = str(data[0]["id"])      # pick the first one
		gateway.open(auth.access_token())


func _on_session_lost(data: Dictionary) -> void:
	push_error("logged out (the refresh token was refused): %s" % [data])


func _on_welcome(_data: Dictionary) -> void:
	gateway.enter_world(character_id)


func _on_map_granted(data: Dictionary) -> void:
	map.open(data["map_ip"], data["map_port"], data["ticket"]) # a map transfer leaves the old server
	if not entered:                            # what was said before we came
		entered = true
		gateway.chat_history("world")
		gateway.chat_history("map")


func _on_map_transfer(msg: Dictionary) -> void:
	gateway.join_map(msg["map_id"])            # walked through a gate: a ticket for the next map


func _on_gateway_error(code: String, message: String) -> void:
	chat.on_error(code, message)               # chat refusals (CHAT_MUTED, PLAYER_OFFLINE, ...) show in the box
	_show_chat()
	push_error("gateway: %s %s" % [code, message])


func _on_gateway_closed(code: int, reason: String) -> void:
	push_error("gateway closed the connection: %s %s" % [code, reason])


func _on_map_rejected(code: String, message: String) -> void:
	if code != "MAP_TRANSFER":                 # MAP_TRANSFER follows map_transfer: not an error
		push_error("map server: %s %s" % [code, message])


func _on_map_closed() -> void:
	print("map connection closed")


func _process(_delta: float) -> void:
	auth.poll()
	gateway.poll()
	map.poll()
	map.steer(Input.get_axis("ui_left", "ui_right"), Input.get_axis("ui_up", "ui_down"))


# The chat box: the last lines above a text field, bottom left.
func _build_chat_box() -> void:
	var layer := CanvasLayer.new()
	add_child(layer)
	chat_log.position = Vector2(8, 300)
	chat_log.size = Vector2(480, 240)
	chat_log.vertical_alignment = VERTICAL_ALIGNMENT_BOTTOM
	chat_input.position = Vector2(8, 548)
	chat_input.size = Vector2(480, 28)
	chat_input.placeholder_text = "say something (Enter)"
	chat_input.text_submitted.connect(_on_chat_typed)
	layer.add_child(chat_log)
	layer.add_child(chat_input)


func _on_chat_typed(text: String) -> void:
	chat.submit(gateway, text)
	chat_input.clear()
	_show_chat()


func _show_chat() -> void:
	chat_log.text = "\n".join(PackedStringArray(chat.lines.slice(maxi(0, chat.lines.size() - 12))))
