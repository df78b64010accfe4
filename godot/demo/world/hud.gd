## The World's screen overlay: map and channel, level, HP / MP / EXP bars, a banner for what the
## servers say, the chat box, the inventory and trade windows (world/inventory_window.gd,
## world/trade_window.gd), the death countdown and the "disconnected" panel. It shows what
## world.gd tells it and reports what the player asks for through its signals; it speaks to no
## server itself.
extends CanvasLayer

## The player picked channel [param channel] (1-based) in the selector.
signal channel_requested(channel: int)
## The player typed [param text] in the chat box and pressed Enter.
signal chat_submitted(text: String)
## Leave or Back to characters was pressed.
signal leave_requested

const InventoryWindow := preload("res://demo/world/inventory_window.gd")
const TradeWindow := preload("res://demo/world/trade_window.gd")

const INFO_COLOR := Color(1, 1, 1)
const CHAT_LINES_SHOWN := 60

@onready var _map_label: Label = %MapLabel
@onready var _channel_option: OptionButton = %ChannelOption
@onready var _level_label: Label = %LevelLabel
@onready var _hp_bar: ProgressBar = %HpBar
@onready var _mp_bar: ProgressBar = %MpBar
@onready var _exp_bar: ProgressBar = %ExpBar
@onready var _banner: Label = %Banner
@onready var _chat_log: RichTextLabel = %ChatLog
@onready var _chat_input: LineEdit = %ChatInput
@onready var _death_overlay: ColorRect = %DeathOverlay
@onready var _death_label: Label = %DeathLabel
@onready var _disconnected: ColorRect = %Disconnected
@onready var _disconnected_label: Label = %DisconnectedLabel

## The bags and what is worn (I); its item_action signal is world.gd's to answer.
var inventory: InventoryWindow
## The trade under way, once one is asked for or offered.
var trade: TradeWindow

var _banner_until_msec := 0


func _ready() -> void:
	_channel_option.item_selected.connect(func(index: int) -> void: channel_requested.emit(index + 1))
	_chat_input.text_submitted.connect(_on_chat_typed)
	%LeaveButton.pressed.connect(leave_requested.emit)
	%BackButton.pressed.connect(leave_requested.emit)
	var style := StyleBoxFlat.new()
	style.bg_color = Color(0.07, 0.08, 0.11, 0.9)
	style.border_color = Color(0.55, 0.5, 0.35, 0.9)
	style.set_border_width_all(1)
	style.set_corner_radius_all(4)
	style.set_content_margin_all(10)
	inventory = InventoryWindow.new()
	trade = TradeWindow.new()
	for window: PanelContainer in [inventory, trade]:
		window.add_theme_stylebox_override("panel", style)
		add_child(window)
		move_child(window, _death_overlay.get_index()) # under the death and disconnected overlays
	# The inventory at the right edge, the trade at the left, both below the banner.
	inventory.anchor_left = 1.0
	inventory.anchor_right = 1.0
	inventory.offset_left = -8.0
	inventory.offset_right = -8.0
	inventory.offset_top = 100.0
	inventory.grow_horizontal = Control.GROW_DIRECTION_BEGIN
	trade.offset_left = 8.0
	trade.offset_top = 100.0


## Opens or closes the inventory window.
func toggle_inventory() -> void:
	inventory.visible = not inventory.visible


func _process(_delta: float) -> void:
	if _banner.visible and Time.get_ticks_msec() > _banner_until_msec:
		_banner.visible = false


## The map's name in the top bar.
func set_map(title: String) -> void:
	_map_label.text = title


## [param count] channels in the selector, [param channel] selected (without asking for it).
func set_channel(channel: int, count: int) -> void:
	if _channel_option.item_count != count:
		_channel_option.clear()
		for number in range(1, count + 1):
			_channel_option.add_item("Channel %d" % number)
	_channel_option.select(channel - 1)


## The character's figures: name, level, exp, next_level_exp, hp, max_hp, mp, max_mp (Welcome's
## fields, kept up to date by the world).
func set_stats(stats: Dictionary) -> void:
	_level_label.text = "%s  Lv %d" % [stats.get("name", ""), stats.get("level", 1)]
	_fill(_hp_bar, "HP", stats.get("hp", 0), stats.get("max_hp", 1))
	_fill(_mp_bar, "MP", stats.get("mp", 0), stats.get("max_mp", 1))
	_fill(_exp_bar, "EXP", stats.get("exp", 0), stats.get("next_level_exp", 1))


func _fill(bar: ProgressBar, label: String, value: int, maximum: int) -> void:
	bar.max_value = maxi(1, maximum)
	bar.value = value
	(bar.get_node("Text") as Label).text = "%s %d / %d" % [label, value, maximum]


## Shows [param text] across the top for [param seconds].
func announce(text: String, color: Color = INFO_COLOR, seconds: float = 4.0) -> void:
	_banner.text = text
	_banner.add_theme_color_override("font_color", color)
	_banner.visible = true
	_banner_until_msec = Time.get_ticks_msec() + int(seconds * 1000)


## What the banner shows now ("" when hidden).
func banner_text() -> String:
	return _banner.text if _banner.visible else ""


## The chat box's lines, newest last.
func show_chat(lines: Array) -> void:
	var text := ""
	for i in range(maxi(0, lines.size() - CHAT_LINES_SHOWN), lines.size()):
		text += _chat_line_bbcode(str(lines[i])) + "\n"
	_chat_log.text = text.strip_edges(false, true)


func chat_text() -> String:
	return _chat_log.get_parsed_text()


func focus_chat() -> void:
	_chat_input.grab_focus()


## True while the player types: the keys are the chat's, not the character's.
func is_typing() -> bool:
	return _chat_input.has_focus()


## "You died" and the seconds until the server brings the character back.
func show_death(seconds_left: float) -> void:
	_death_overlay.visible = true
	_death_label.text = "Respawning in %d s" % ceili(seconds_left) if seconds_left > 0 else "Respawning..."


func is_death_shown() -> bool:
	return _death_overlay.visible


func hide_death() -> void:
	_death_overlay.visible = false


## The end of this stay in the world, and why; the button leads back to Character Select.
func show_disconnected(text: String) -> void:
	_disconnected_label.text = text
	_disconnected.visible = true
	_chat_input.release_focus()


func is_disconnected() -> bool:
	return _disconnected.visible


func _on_chat_typed(text: String) -> void:
	_chat_input.clear()
	_chat_input.release_focus() # back to walking, as in most MMOs
	if text.strip_edges() != "":
		chat_submitted.emit(text)


# System lines ("-- ... --", "(CODE) ...") are dimmed; whispers and party talk colored.
func _chat_line_bbcode(line: String) -> String:
	var safe := line.replace("[", "[lb]")
	if line.begins_with("--") or line.begins_with("("):
		return "[color=#c8c8a0]%s[/color]" % safe
	if line.begins_with("[whisper]"):
		return "[color=#e59cff]%s[/color]" % safe
	if line.begins_with("[party]"):
		return "[color=#8fd3ff]%s[/color]" % safe
	if line.begins_with("[world]"):
		return "[color=#ffd27f]%s[/color]" % safe
	if line.begins_with("[announcement]"):
		return "[color=#ffb347]%s[/color]" % safe
	return safe
