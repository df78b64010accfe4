## The trade window: who the trade is with, what each side offers, the locks and confirmations,
## and the buttons for the step the trade is at (Accept an invitation; Lock; Confirm once both
## locked; Cancel). Items are offered from the inventory window. It shows MapConnection's
## TradeUpdate as world.gd hands it over and reports the player's choices through its signals; it
## speaks to no server itself. "Done" is shown only when the server says the trade is stored.
extends PanelContainer

signal accept_pressed
signal lock_pressed
signal confirm_pressed
signal cancel_pressed

const Session := preload("res://demo/session.gd")
const Messages := preload("res://demo/messages.gd")
## TradeUpdate states (MapConnection.TRADE_*).
const ASKED := 0
const INVITED := 1
const OPEN := 2
const COMMITTING := 3
const DONE := 4
const CANCELLED := 5
const DONE_COLOR := Color(0.6, 1, 0.6)
const CANCELLED_COLOR := Color(1, 0.55, 0.45)

## The last TradeUpdate shown (empty before one).
var trade: Dictionary = {}

var _title: Label
var _state: Label
var _mine: Label
var _theirs: Label
var _buttons: Dictionary = {}


func _init() -> void:
	name = "TradeWindow"
	visible = false
	mouse_filter = Control.MOUSE_FILTER_STOP
	custom_minimum_size = Vector2(380, 0)
	var rows := VBoxContainer.new()
	rows.add_theme_constant_override("separation", 6)
	add_child(rows)
	_title = _label("Title", 18)
	rows.add_child(_title)
	_state = _label("State", 14)
	_state.autowrap_mode = TextServer.AUTOWRAP_WORD
	rows.add_child(_state)
	var offers := HBoxContainer.new()
	offers.add_theme_constant_override("separation", 16)
	_mine = _label("Mine", 14)
	_theirs = _label("Theirs", 14)
	for column: Label in [_mine, _theirs]:
		column.size_flags_horizontal = Control.SIZE_EXPAND_FILL
		column.custom_minimum_size = Vector2(170, 90)
		column.vertical_alignment = VERTICAL_ALIGNMENT_TOP
		offers.add_child(column)
	rows.add_child(offers)
	var buttons := HBoxContainer.new()
	for entry: Array in [["accept", "Accept", accept_pressed], ["lock", "Lock", lock_pressed],
			["confirm", "Confirm", confirm_pressed], ["cancel", "Cancel", cancel_pressed], ["close", "Close", null]]:
		var button := Button.new()
		button.name = str(entry[1]) + "Button"
		button.text = entry[1]
		button.focus_mode = Control.FOCUS_NONE
		if entry[2] != null:
			button.pressed.connect((entry[2] as Signal).emit)
		else:
			button.pressed.connect(hide)
		buttons.add_child(button)
		_buttons[entry[0]] = button
	rows.add_child(buttons)


## Shows [param update] (MapConnection's TradeUpdate dictionary) and opens the window.
func show_trade(update: Dictionary) -> void:
	trade = update
	visible = true
	var state: int = update["state"]
	var partner := str(update.get("partner_name", "?"))
	_title.text = "Trade with %s" % partner
	_state.remove_theme_color_override("font_color")
	match state:
		ASKED:
			_state.text = "Waiting for %s to accept..." % partner
		INVITED:
			_state.text = "%s wants to trade with you." % partner
		OPEN:
			_state.text = _open_text(update)
		COMMITTING:
			_state.text = "Both confirmed: the trade is being stored..."
		DONE:
			_state.text = "Trade done: the items are yours."
			_state.add_theme_color_override("font_color", DONE_COLOR)
		CANCELLED:
			var reason: Variant = update.get("reason")
			_state.text = Messages.trade_ended(reason if reason is String and reason != "" else "cancelled")
			_state.add_theme_color_override("font_color", CANCELLED_COLOR)
	_mine.text = _offer_text("You offer", update.get("mine", []), update.get("mine_locked", false),
		update.get("mine_confirmed", false))
	_theirs.text = _offer_text("%s offers" % partner, update.get("theirs", []), update.get("theirs_locked", false),
		update.get("theirs_confirmed", false))
	var finished := state == DONE or state == CANCELLED
	_buttons["accept"].visible = state == INVITED
	_buttons["lock"].visible = state == OPEN
	_buttons["lock"].disabled = update.get("mine_locked", false)
	_buttons["confirm"].visible = state == OPEN
	_buttons["confirm"].disabled = not (update.get("mine_locked", false) and update.get("theirs_locked", false)) \
		or update.get("mine_confirmed", false)
	_buttons["cancel"].visible = not finished and state != COMMITTING
	_buttons["close"].visible = finished


## True while a trade is open for offers (the inventory window's Offer button works).
func is_open_for_offers() -> bool:
	return visible and not trade.is_empty() and int(trade["state"]) == OPEN and not trade.get("mine_locked", false)


## The bag slots this player offers in the open trade.
func offered_slots() -> Array:
	var slots: Array = []
	if not trade.is_empty() and int(trade["state"]) == OPEN:
		for entry: Dictionary in trade.get("mine", []):
			slots.append(int(entry["slot"]))
	return slots


## What the window says now: title, state and both offers (for tests and logs).
func text() -> String:
	return "%s | %s | %s | %s" % [_title.text, _state.text, _mine.text.replace("\n", "; "), _theirs.text.replace("\n", "; ")]


func button(action: String) -> Button:
	return _buttons.get(action)


func _open_text(update: Dictionary) -> String:
	if update.get("mine_locked", false) and update.get("theirs_locked", false):
		return "Both locked: Confirm to trade." if not update.get("mine_confirmed", false) else "Waiting for the other to confirm..."
	if update.get("mine_locked", false):
		return "Locked. Waiting for the other to lock..."
	return "Offer items from your inventory (I), then Lock."


static func _offer_text(heading: String, offer: Array, locked: bool, confirmed: bool) -> String:
	var lines: PackedStringArray = [heading + (" (confirmed)" if confirmed else (" (locked)" if locked else "")) + ":"]
	for entry: Dictionary in offer:
		var quantity: int = entry["quantity"]
		lines.append("  " + Session.item_name(int(entry["type_id"])) + (" x%d" % quantity if quantity > 1 else ""))
	if offer.is_empty():
		lines.append("  nothing yet")
	return "\n".join(lines)


static func _label(node_name: String, font_size: int) -> Label:
	var label := Label.new()
	label.name = node_name
	label.add_theme_font_size_override("font_size", font_size)
	return label
