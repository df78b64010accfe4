## The inventory window (I): the 30 bag slots and the four worn ones, what the selected item is,
## and what can be done with it: use, equip or take off, drop, destroy, and offer it in a trade or
## take the offer back. It shows what world.gd gives it (MapConnection.inventory and the item types)
## and reports what the player asks for through [signal item_action]; it speaks to no server itself.
extends PanelContainer

## The player asked for [param action] ("use", "equip", "unequip", "drop", "destroy", "offer",
## "withdraw") on the item in [param slot].
signal item_action(action: String, slot: int)

const Session := preload("res://demo/session.gd")
const EntityView := preload("res://demo/world/entity_view.gd")

const BAG_SLOTS := 30
const COLUMNS := 6
## Worn slots as the server numbers them: weapon, head, body, feet.
const WORN_FIRST := 100
const WORN_NAMES := ["Weapon", "Head", "Body", "Feet"]
const SLOT_SIZE := Vector2(64, 50)
const EMPTY_COLOR := Color(1, 1, 1, 0.35)
const REFUSED_COLOR := Color(1, 0.55, 0.45)

## The slot whose item is shown and acted on; -1 for none.
var selected_slot := -1

var _buttons: Dictionary = {} # slot -> Button
var _items: Dictionary = {}
var _offered: Dictionary = {} # slots offered in the open trade
var _trading := false
var _detail: Label
var _message: Label
var _actions: Dictionary = {} # action -> Button


func _init() -> void:
	name = "InventoryWindow"
	visible = false
	mouse_filter = Control.MOUSE_FILTER_STOP
	var rows := VBoxContainer.new()
	rows.add_theme_constant_override("separation", 6)
	add_child(rows)

	var title_row := HBoxContainer.new()
	var title := Label.new()
	title.text = "Inventory"
	title.add_theme_font_size_override("font_size", 18)
	title.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	title_row.add_child(title)
	var close := Button.new()
	close.name = "CloseButton"
	close.text = "Close (I)"
	close.focus_mode = Control.FOCUS_NONE
	close.pressed.connect(hide)
	title_row.add_child(close)
	rows.add_child(title_row)

	var worn := HBoxContainer.new()
	worn.name = "Worn"
	for i in WORN_NAMES.size():
		worn.add_child(_slot_button(WORN_FIRST + i, Vector2(97, 50)))
	rows.add_child(worn)

	var bag := GridContainer.new()
	bag.name = "Bag"
	bag.columns = COLUMNS
	for slot in BAG_SLOTS:
		bag.add_child(_slot_button(slot, SLOT_SIZE))
	rows.add_child(bag)

	_detail = Label.new()
	_detail.name = "Detail"
	_detail.custom_minimum_size = Vector2(0, 40)
	_detail.autowrap_mode = TextServer.AUTOWRAP_WORD
	rows.add_child(_detail)

	var actions := HBoxContainer.new()
	for action: String in ["use", "equip", "unequip", "drop", "destroy", "offer", "withdraw"]:
		var button := Button.new()
		button.name = action.capitalize() + "Button"
		button.text = {"use": "Use", "equip": "Equip", "unequip": "Take off", "drop": "Drop", "destroy": "Destroy",
			"offer": "Offer", "withdraw": "Take back"}[action]
		button.focus_mode = Control.FOCUS_NONE
		button.pressed.connect(_act.bind(action))
		actions.add_child(button)
		_actions[action] = button
	rows.add_child(actions)

	_message = Label.new()
	_message.name = "Message"
	_message.add_theme_color_override("font_color", REFUSED_COLOR)
	_message.autowrap_mode = TextServer.AUTOWRAP_WORD
	rows.add_child(_message)
	_update()


## Shows [param items] (slot → {"slot", "item_id", "type_id", "quantity"}, MapConnection.inventory).
func show_items(items: Dictionary) -> void:
	_items = items
	_message.text = ""
	if selected_slot >= 0 and not _items.has(selected_slot):
		selected_slot = -1
	_update()


## Marks the slots [param offered] in a trade ([param trading]: a trade is open, Offer is possible).
func show_offers(trading: bool, offered: Array) -> void:
	_trading = trading
	_offered = {}
	for slot: Variant in offered:
		_offered[int(slot)] = true
	_update()


## Why the last action changed nothing, in words.
func show_refusal(text: String) -> void:
	_message.text = text


func select(slot: int) -> void:
	selected_slot = slot if _items.has(slot) else -1
	_message.text = ""
	_update()


## The text of the button of [param slot] (what a player reads there).
func slot_text(slot: int) -> String:
	var button: Button = _buttons.get(slot)
	return button.text if button != null else ""


## The button of [param slot].
func slot_button(slot: int) -> Button:
	return _buttons.get(slot)


func action_button(action: String) -> Button:
	return _actions.get(action)


## The first bag or worn slot holding an item of [param type_id], or -1.
func slot_of_type(type_id: int) -> int:
	var slots := _items.keys()
	slots.sort()
	for slot: int in slots:
		if int(_items[slot]["type_id"]) == type_id:
			return slot
	return -1


func _slot_button(slot: int, minimum: Vector2) -> Button:
	var button := Button.new()
	button.name = "Slot%d" % slot
	button.custom_minimum_size = minimum
	button.focus_mode = Control.FOCUS_NONE
	button.clip_text = true
	button.autowrap_mode = TextServer.AUTOWRAP_WORD_SMART
	button.add_theme_font_size_override("font_size", 11)
	for state: String in ["normal", "hover", "pressed", "focus"]:
		var style := StyleBoxFlat.new()
		style.bg_color = Color(0.16, 0.17, 0.21) if state != "hover" else Color(0.22, 0.23, 0.28)
		style.border_color = Color(0.4, 0.4, 0.46)
		style.set_border_width_all(1)
		style.set_corner_radius_all(3)
		style.set_content_margin_all(2)
		button.add_theme_stylebox_override(state, style)
	button.pressed.connect(select.bind(slot))
	_buttons[slot] = button
	return button


func _act(action: String) -> void:
	if selected_slot >= 0:
		item_action.emit(action, selected_slot)


func _update() -> void:
	for slot: int in _buttons:
		var button: Button = _buttons[slot]
		var item: Dictionary = _items.get(slot, {})
		if item.is_empty():
			button.text = WORN_NAMES[slot - WORN_FIRST] if slot >= WORN_FIRST else ""
			button.add_theme_color_override("font_color", EMPTY_COLOR)
			button.tooltip_text = ""
		else:
			var type: Dictionary = Session.item_types.get(int(item["type_id"]), {})
			var quantity: int = item["quantity"]
			button.text = Session.item_name(int(item["type_id"])) + (" x%d" % quantity if quantity > 1 else "")
			button.add_theme_color_override("font_color", EntityView.LOOT_COLORS.get(str(type.get("kind", "")), Color.WHITE))
			button.tooltip_text = Session.item_name(int(item["type_id"]))
		button.flat = false
		button.modulate = Color(1, 0.9, 0.4) if slot == selected_slot else (Color(0.6, 1, 0.6) if _offered.has(slot) else Color.WHITE)
	var selected: Dictionary = _items.get(selected_slot, {})
	var worn := selected_slot >= WORN_FIRST
	var type: Dictionary = Session.item_types.get(int(selected.get("type_id", 0)), {})
	_detail.text = _describe(selected, type) if not selected.is_empty() else "Select an item."
	var kind := str(type.get("kind", ""))
	_actions["use"].disabled = selected.is_empty() or kind != "consumable"
	_actions["equip"].disabled = selected.is_empty() or worn or (kind != "weapon" and kind != "armor")
	_actions["unequip"].disabled = selected.is_empty() or not worn
	_actions["drop"].disabled = selected.is_empty() or worn
	_actions["destroy"].disabled = selected.is_empty() or worn
	_actions["offer"].disabled = selected.is_empty() or worn or not _trading or _offered.has(selected_slot)
	_actions["withdraw"].disabled = not _offered.has(selected_slot)


static func _describe(item: Dictionary, type: Dictionary) -> String:
	var item_name := Session.item_name(int(item["type_id"]))
	var parts: PackedStringArray = [str(type.get("kind", "item"))]
	for stat: String in ["attack", "defense", "heal"]:
		if int(type.get(stat, 0)) > 0:
			parts.append("%s +%d" % [stat, int(type[stat])])
	if int(type.get("level", 0)) > 1:
		parts.append("level %d" % int(type["level"]))
	var quantity: int = item["quantity"]
	return "%s%s  (%s)" % [item_name, " x%d" % quantity if quantity > 1 else "", ", ".join(parts)]

