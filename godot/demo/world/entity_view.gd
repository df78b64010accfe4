## One player, mob or stack of loot on screen: a colored body (a bag for loot), its name and level (or quantity), an HP bar. Others are drawn
## [constant INTERPOLATION_DELAY_MSEC] in the past, between the two snapshots around that moment, so
## they glide even though the server sends their positions 10-20 times a second; the own character
## is placed by the world from the client-side prediction instead.
extends Node2D

## How far in the past other entities are shown: two snapshots of a 20 Hz server, so there is
## almost always one on each side of the moment drawn.
const INTERPOLATION_DELAY_MSEC := 100
const KIND_PLAYER := 0
const KIND_MOB := 1
const KIND_ITEM := 2
const STATE_DEAD := 2
const RADIUS := 11.0 # the server's bodies are 20 px squares
const BAR_SIZE := Vector2(40, 5)
const NAME_SIZE := 13
const MAX_SAMPLES := 16

## Mob colors by type id (map-server's mobs.json: 1 Slime, 2 Wolf, 3 Skeleton, 4 Alpha Wolf,
## 5 Skeleton Knight).
const MOB_COLORS := {
	1: Color(0.45, 0.9, 0.55),
	2: Color(0.62, 0.55, 0.48),
	3: Color(0.9, 0.88, 0.78),
	4: Color(0.75, 0.25, 0.2),
	5: Color(0.55, 0.4, 0.8),
}
## Loot colors by the item's kind.
const LOOT_COLORS := {
	"weapon": Color(0.85, 0.85, 0.95),
	"armor": Color(0.55, 0.75, 1.0),
	"consumable": Color(1.0, 0.45, 0.45),
	"material": Color(0.85, 0.72, 0.5),
}
const PLAYER_COLOR := Color(0.35, 0.6, 1.0)
const SELF_COLOR := Color(1.0, 0.82, 0.25)

var entity_id := -1
## 0 player, 1 mob, 2 loot on the ground (EntityEntered's kind; for loot, level is the quantity).
var kind := KIND_PLAYER
var type_id := 0
var entity_name := ""
var level := 1
var hp := 1
var max_hp := 1
## 0 idle, 1 moving, 2 dead, 3 attacking.
var state := 0
var is_self := false
## For loot: the item type's kind ("weapon", "armor", "consumable", "material"), which colors it.
var item_kind := ""
## Drawn with a ring: the target of the player's attacks.
var targeted := false:
	set(value):
		if value != targeted:
			targeted = value
			queue_redraw()

var _sample_times: PackedInt64Array = []
var _sample_points: PackedVector2Array = []


## Takes the fields of an entity dictionary (EntityEntered's, kept up to date by MapConnection).
func update_from(entity: Dictionary) -> void:
	var before := [entity_name, level, hp, max_hp, state]
	entity_id = int(entity.get("id", entity_id))
	kind = int(entity.get("kind", kind))
	type_id = int(entity.get("type_id", type_id))
	entity_name = str(entity.get("name", entity_name))
	level = int(entity.get("level", level))
	hp = int(entity.get("hp", hp))
	max_hp = maxi(1, int(entity.get("max_hp", max_hp)))
	state = int(entity.get("state", state))
	if before != [entity_name, level, hp, max_hp, state]:
		queue_redraw()


func is_mob() -> bool:
	return kind == KIND_MOB


func is_item() -> bool:
	return kind == KIND_ITEM


func is_alive() -> bool:
	return state != STATE_DEAD and hp > 0


## Remembers where the server said the entity was at local time [param time_msec].
func add_sample(time_msec: int, point: Vector2) -> void:
	if _sample_points.is_empty():
		position = point
	_sample_times.append(time_msec)
	_sample_points.append(point)
	if _sample_times.size() > MAX_SAMPLES:
		_sample_times.remove_at(0)
		_sample_points.remove_at(0)


## Moves to where the entity was at [param now_msec] minus the interpolation delay.
func interpolate(now_msec: int) -> void:
	var count := _sample_times.size()
	if count == 0:
		return
	var at := now_msec - INTERPOLATION_DELAY_MSEC
	if at <= _sample_times[0]:
		position = _sample_points[0]
		return
	for i in range(count - 1, 0, -1):
		if _sample_times[i - 1] <= at:
			var span := _sample_times[i] - _sample_times[i - 1]
			if at >= _sample_times[i] or span <= 0:
				position = _sample_points[i]
			else:
				var weight := float(at - _sample_times[i - 1]) / span
				position = _sample_points[i - 1].lerp(_sample_points[i], weight)
			return


func _draw() -> void:
	if is_item():
		_draw_loot()
		return
	var color := _body_color()
	var radius := RADIUS * (1.3 if type_id >= 4 and is_mob() else 1.0)
	if not is_alive():
		color = Color(color, 0.35)
		draw_set_transform(Vector2.ZERO, 0.0, Vector2(1.3, 0.5)) # a corpse lies flat
		draw_circle(Vector2.ZERO, radius, color)
		draw_set_transform(Vector2.ZERO)
	else:
		draw_circle(Vector2(0, radius * 0.6), radius * 0.9, Color(0, 0, 0, 0.25)) # shadow
		draw_circle(Vector2.ZERO, radius, color)
		draw_arc(Vector2.ZERO, radius, 0, TAU, 24, color.darkened(0.5), 2.0)
	if targeted:
		draw_arc(Vector2.ZERO, radius + 5, 0, TAU, 32, Color(1, 0.3, 0.25), 2.0)
	# HP bar and name above the body.
	var bar_top := Vector2(-BAR_SIZE.x / 2, -radius - 10)
	draw_rect(Rect2(bar_top, BAR_SIZE), Color(0, 0, 0, 0.7))
	var fraction := clampf(float(hp) / max_hp, 0.0, 1.0)
	var fill := Color(0.9, 0.2, 0.2).lerp(Color(0.3, 0.9, 0.3), fraction)
	draw_rect(Rect2(bar_top, Vector2(BAR_SIZE.x * fraction, BAR_SIZE.y)), fill)
	var font := ThemeDB.fallback_font
	var text := "%s  Lv %d" % [entity_name, level]
	var where := Vector2(-80, bar_top.y - 4)
	draw_string_outline(font, where, text, HORIZONTAL_ALIGNMENT_CENTER, 160, NAME_SIZE, 4, Color(0, 0, 0, 0.8))
	draw_string(font, where, text, HORIZONTAL_ALIGNMENT_CENTER, 160, NAME_SIZE, _name_color())


# A bag on the ground, colored by what is in it, with its name (and how many).
func _draw_loot() -> void:
	var color: Color = LOOT_COLORS.get(item_kind, Color(0.95, 0.85, 0.4))
	draw_circle(Vector2(0, 5), 8, Color(0, 0, 0, 0.3))
	var bag := PackedVector2Array([Vector2(-7, -2), Vector2(-4, -8), Vector2(4, -8), Vector2(7, -2), Vector2(7, 6), Vector2(-7, 6)])
	draw_colored_polygon(bag, color)
	draw_polyline(bag + PackedVector2Array([bag[0]]), color.darkened(0.55), 1.5)
	draw_line(Vector2(-4, -8), Vector2(4, -8), Color(0.3, 0.2, 0.1), 2.0)
	var font := ThemeDB.fallback_font
	var text := entity_name + (" x%d" % level if level > 1 else "")
	var where := Vector2(-80, -14)
	draw_string_outline(font, where, text, HORIZONTAL_ALIGNMENT_CENTER, 160, 12, 4, Color(0, 0, 0, 0.8))
	draw_string(font, where, text, HORIZONTAL_ALIGNMENT_CENTER, 160, 12, color.lightened(0.3))


func _body_color() -> Color:
	if is_self:
		return SELF_COLOR
	if is_mob():
		return MOB_COLORS.get(type_id, Color(0.9, 0.4, 0.4))
	return PLAYER_COLOR


func _name_color() -> Color:
	if is_self:
		return Color(1, 0.9, 0.5)
	return Color(1, 0.75, 0.7) if is_mob() else Color(0.75, 0.88, 1)
