## Character Select: the account's characters (name, level, class), a form to create one from the
## server's class list, Delete, and Enter world, which opens the gateway socket, sends
## [code]enter_world[/code] and hands the map server's address and ticket to the World scene.
extends Control

const Session := preload("res://demo/session.gd")
const Messages := preload("res://demo/messages.gd")

const ERROR_COLOR := Color(1.0, 0.45, 0.4)
const INFO_COLOR := Color(0.8, 0.85, 0.8)

## auth-service answers by request id: what each pending request was for.
var _pending: Dictionary[int, String] = {}
## The character to select once the list comes back (the one just created).
var _select_id := ""

@onready var _title: Label = %Title
@onready var _list: ItemList = %CharacterList
@onready var _enter_button: Button = %EnterButton
@onready var _delete_button: Button = %DeleteButton
@onready var _logout_button: Button = %LogoutButton
@onready var _name_input: LineEdit = %NameInput
@onready var _class_option: OptionButton = %ClassOption
@onready var _class_info: Label = %ClassInfo
@onready var _create_button: Button = %CreateButton
@onready var _status: Label = %Status
@onready var _delete_confirm: ConfirmationDialog = %DeleteConfirm


func _ready() -> void:
	if Session.auth == null:
		get_tree().change_scene_to_file.call_deferred(Session.LOGIN_SCENE)
		return
	Session.close_gateway() # back from the world: a new socket per entry
	_title.text = "Characters of %s" % Session.username
	Session.auth.completed.connect(_on_auth_completed)
	Session.auth.session_lost.connect(_on_session_lost)
	_list.item_selected.connect(func(_index: int) -> void: _update_buttons())
	_list.item_activated.connect(func(_index: int) -> void: _enter())
	_enter_button.pressed.connect(_enter)
	_delete_button.pressed.connect(_ask_delete)
	_delete_confirm.confirmed.connect(_delete)
	_logout_button.pressed.connect(_log_out)
	_class_option.item_selected.connect(func(_index: int) -> void: _show_class())
	_create_button.pressed.connect(_create)
	_name_input.text_submitted.connect(func(_text: String) -> void: _create())
	_request("classes", Session.auth.classes())
	_request("characters", Session.auth.characters())
	_show("Loading...", INFO_COLOR)


func _process(_delta: float) -> void:
	Session.poll()


func _request(kind: String, request_id: int) -> void:
	_pending[request_id] = kind


func _on_auth_completed(request_id: int, ok: bool, _status_code: int, data: Variant) -> void:
	var kind: String = _pending.get(request_id, "")
	_pending.erase(request_id)
	if not ok:
		_show(Messages.auth_error(data), ERROR_COLOR)
		if kind == "create":
			_create_button.disabled = false
		return
	match kind:
		"classes":
			_fill_classes(data)
			_show("", INFO_COLOR)
		"characters":
			_fill_characters(data)
		"create":
			_show("%s is ready." % data.get("name", ""), INFO_COLOR)
			_select_id = str(data.get("id", ""))
			_name_input.clear()
			_create_button.disabled = false
			_request("characters", Session.auth.characters())
		"delete":
			_show("Deleted.", INFO_COLOR)
			_request("characters", Session.auth.characters())


func _fill_classes(classes: Array) -> void:
	_class_option.clear()
	for character_class: Dictionary in classes:
		_class_option.add_item(str(character_class["name"]))
		_class_option.set_item_metadata(_class_option.item_count - 1, character_class)
	_create_button.disabled = classes.is_empty()
	_show_class()


func _show_class() -> void:
	if _class_option.selected < 0:
		_class_info.text = ""
		return
	var c: Dictionary = _class_option.get_item_metadata(_class_option.selected)
	_class_info.text = "%s\n\nHP %d   MP %d   Attack %d\nDefense %d   Speed %d   Range %d" % [
		c.get("description", ""), c.get("hp", 0), c.get("mp", 0), c.get("attack", 0),
		c.get("defense", 0), c.get("speed", 0), c.get("attack_range", 0)]


func _fill_characters(characters: Array) -> void:
	var keep := _select_id
	if keep == "" and _list.is_anything_selected():
		keep = str(_list.get_item_metadata(_list.get_selected_items()[0])["id"])
	_list.clear()
	for character: Dictionary in characters:
		var index := _list.add_item("%s    Lv %d %s" % [character["name"], character["level"], character["class_name"]])
		_list.set_item_metadata(index, character)
		if str(character["id"]) == keep:
			_list.select(index)
	if not _list.is_anything_selected() and _list.item_count > 0:
		_list.select(0)
	_select_id = ""
	if characters.is_empty():
		_show("No character yet: create one on the right.", INFO_COLOR)
	_update_buttons()


func _selected() -> Dictionary:
	if not _list.is_anything_selected():
		return {}
	return _list.get_item_metadata(_list.get_selected_items()[0])


func _update_buttons() -> void:
	var none := _selected().is_empty()
	_enter_button.disabled = none
	_delete_button.disabled = none


func _create() -> void:
	if _class_option.selected < 0:
		return
	var character_class: Dictionary = _class_option.get_item_metadata(_class_option.selected)
	_create_button.disabled = true
	_show("Creating %s..." % _name_input.text.strip_edges(), INFO_COLOR)
	_request("create", Session.auth.create_character(_name_input.text.strip_edges(), character_class["id"]))


func _ask_delete() -> void:
	var character := _selected()
	if character.is_empty():
		return
	_delete_confirm.dialog_text = "Delete %s (level %d) for good?" % [character["name"], character["level"]]
	_delete_confirm.popup_centered(Vector2i(360, 120))


func _delete() -> void:
	var character := _selected()
	if not character.is_empty():
		_request("delete", Session.auth.delete_character(character["id"]))


# Entering: open the socket, wait for welcome, ask for the character's map server.
func _enter() -> void:
	var character := _selected()
	if character.is_empty():
		return
	Session.character = character
	_enter_button.disabled = true
	_show("Entering the world as %s..." % character["name"], INFO_COLOR)
	var gateway := Session.open_gateway()
	# Bound to this node, not a lambda holding the gateway: a gateway → lambda → gateway cycle would leak.
	gateway.welcome.connect(_on_gateway_welcome.bind(character["id"]))
	gateway.enter_world_success.connect(_on_enter_world_success)
	gateway.error.connect(_on_gateway_error)
	gateway.closed.connect(_on_gateway_closed)


func _on_gateway_welcome(_data: Dictionary, character_id: Variant) -> void:
	Session.gateway.enter_world(character_id)


func _on_enter_world_success(data: Dictionary) -> void:
	Session.assignment = data
	get_tree().change_scene_to_file(Session.WORLD_SCENE)


func _on_gateway_error(code: String, message: String) -> void:
	_show(Messages.gateway_error(code, message), ERROR_COLOR)
	Session.close_gateway()
	_update_buttons()


func _on_gateway_closed(code: int, reason: String) -> void:
	if Session.gateway == null:
		return # we closed it ourselves after an error
	_show(Messages.gateway_closed(code, reason), ERROR_COLOR)
	Session.gateway = null
	_update_buttons()


func _on_session_lost(data: Dictionary) -> void:
	Session.log_out()
	Session.notice = Messages.auth_error(data)
	get_tree().change_scene_to_file(Session.LOGIN_SCENE)


func _log_out() -> void:
	Session.log_out()
	get_tree().change_scene_to_file(Session.LOGIN_SCENE)


func _show(text: String, color: Color) -> void:
	_status.text = text
	_status.add_theme_color_override("font_color", color)
