## A number that rises from a hit and fades: damage dealt or taken, experience gained.
extends Node2D

const RISE := 40.0
const SECONDS := 1.0
const FONT_SIZE := 18

var text := ""
var color := Color.WHITE


## Shows [param value] at [param point] (world coordinates) in [param tint]; add it to the tree next.
func setup(value: String, point: Vector2, tint: Color) -> Node2D:
	text = value
	color = tint
	position = point + Vector2(randf_range(-8, 8), -24)
	return self


func _ready() -> void:
	z_index = 10
	var tween := create_tween().set_parallel()
	tween.tween_property(self, "position:y", position.y - RISE, SECONDS) \
		.set_trans(Tween.TRANS_CUBIC).set_ease(Tween.EASE_OUT)
	tween.tween_property(self, "modulate:a", 0.0, SECONDS * 0.6).set_delay(SECONDS * 0.4)
	tween.chain().tween_callback(queue_free)


func _draw() -> void:
	var font := ThemeDB.fallback_font
	draw_string_outline(font, Vector2(-50, 0), text, HORIZONTAL_ALIGNMENT_CENTER, 100, FONT_SIZE, 5, Color.BLACK)
	draw_string(font, Vector2(-50, 0), text, HORIZONTAL_ALIGNMENT_CENTER, 100, FONT_SIZE, color)
