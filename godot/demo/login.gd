## The login screen: server addresses, username and password, Register or Log in. Either button
## leads to Character Select once auth-service hands out tokens; every refusal is shown in
## [code]%Status[/code] in the player's words (see messages.gd).
extends Control

const Session := preload("res://demo/session.gd")
const Messages := preload("res://demo/messages.gd")

const ERROR_COLOR := Color(1.0, 0.45, 0.4)
const INFO_COLOR := Color(0.8, 0.85, 0.8)

@onready var _auth_url: LineEdit = %AuthUrl
@onready var _gateway_url: LineEdit = %GatewayUrl
@onready var _username: LineEdit = %Username
@onready var _password: LineEdit = %Password
@onready var _register_button: Button = %RegisterButton
@onready var _login_button: Button = %LoginButton
@onready var _status: Label = %Status


func _ready() -> void:
	_auth_url.text = Session.default_auth_url()
	_gateway_url.text = Session.default_gateway_url()
	_username.text = Session.username
	_register_button.pressed.connect(_submit.bind(true))
	_login_button.pressed.connect(_submit.bind(false))
	_username.text_submitted.connect(func(_text: String) -> void: _password.grab_focus())
	_password.text_submitted.connect(func(_text: String) -> void: _submit(false))
	_username.grab_focus()
	if Session.notice != "":
		_show(Session.notice, ERROR_COLOR)
		Session.notice = ""


func _process(_delta: float) -> void:
	Session.poll()


func _submit(register: bool) -> void:
	if _auth_url.text.strip_edges() == "" or _gateway_url.text.strip_edges() == "":
		_show("Both server addresses are needed.", ERROR_COLOR)
		return
	var auth := Session.start_auth(_auth_url.text)
	Session.gateway_url = _gateway_url.text.strip_edges()
	auth.completed.connect(_on_auth_completed)
	if register:
		auth.register(_username.text.strip_edges(), _password.text)
		_show("Creating the account...", INFO_COLOR)
	else:
		auth.login(_username.text.strip_edges(), _password.text)
		_show("Logging in...", INFO_COLOR)
	_set_busy(true)


func _on_auth_completed(_request_id: int, ok: bool, _status_code: int, data: Variant) -> void:
	_set_busy(false)
	if not ok:
		var text := Messages.auth_error(data)
		if typeof(data) == TYPE_DICTIONARY and data.get("code", "") in ["UNREACHABLE", "TIMEOUT"]:
			text += "\n(" + Session.auth_url + ")"
		_show(text, ERROR_COLOR)
		return
	Session.username = _username.text.strip_edges()
	_show("Welcome, %s." % Session.username, INFO_COLOR)
	get_tree().change_scene_to_file(Session.CHARACTER_SELECT_SCENE)


func _set_busy(busy: bool) -> void:
	_register_button.disabled = busy
	_login_button.disabled = busy


func _show(text: String, color: Color) -> void:
	_status.text = text
	_status.add_theme_color_override("font_color", color)
