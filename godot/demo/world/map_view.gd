## Draws a map from the definition its map server sends ([code]MapLayout[/code], the JSON of
## map-server's maps/<id>.json): one colored square per tile by terrain, the gates as labeled
## portals. There is no art in the demo; a game would build a TileMapLayer from the same legend.
extends Node2D

const TERRAIN_COLORS := {
	"grass": Color(0.35, 0.6, 0.32),
	"path": Color(0.77, 0.67, 0.47),
	"wall": Color(0.34, 0.32, 0.36),
	"water": Color(0.2, 0.44, 0.74),
}
const UNKNOWN_COLOR := Color(0.5, 0.5, 0.5)
const GATE_COLOR := Color(0.75, 0.45, 1.0, 0.5)
const LABEL_SIZE := 14

## The map's definition as the server sent it; empty until [method show_layout].
var definition: Dictionary = {}
var map_name := ""
var tile_size := 32
## Tiles drawn: columns × rows of the definition.
var tile_count := 0
## The map's extent in pixels.
var size_px := Vector2.ZERO

var _rows: PackedStringArray = []
var _legend: Dictionary = {}
var _blocked := ""


## Replaces what is drawn with the map [param map_definition].
func show_layout(map_definition: Dictionary) -> void:
	definition = map_definition
	map_name = str(map_definition.get("name", "Map %s" % map_definition.get("id", "?")))
	tile_size = int(map_definition.get("tile_size", 32))
	_legend = map_definition.get("legend", {})
	_blocked = str(map_definition.get("blocked", ""))
	_rows = PackedStringArray(map_definition.get("tiles", []))
	var columns := 0
	for row in _rows:
		columns = maxi(columns, row.length())
	tile_count = columns * _rows.size()
	size_px = Vector2(columns, _rows.size()) * tile_size
	queue_redraw()


## Forgets the map (between two maps, while the next one loads).
func clear() -> void:
	definition = {}
	map_name = ""
	tile_count = 0
	_rows = []
	queue_redraw()


## The terrain name of the tile [param cell] ("wall", "grass", ...), "" off the map.
func terrain_at(cell: Vector2i) -> String:
	var tile := _tile(cell)
	return str(_legend.get(tile, "")) if tile != "" else ""


## True where the server stops walkers: a blocked tile or off the map.
func is_blocked(cell: Vector2i) -> bool:
	var tile := _tile(cell)
	return tile == "" or _blocked.contains(tile)


func cell_of(point: Vector2) -> Vector2i:
	return Vector2i(floori(point.x / tile_size), floori(point.y / tile_size))


func _tile(cell: Vector2i) -> String:
	if cell.y < 0 or cell.y >= _rows.size() or cell.x < 0 or cell.x >= _rows[cell.y].length():
		return ""
	return _rows[cell.y][cell.x]


func _draw() -> void:
	var size := Vector2(tile_size, tile_size)
	for y in _rows.size():
		var row := _rows[y]
		for x in row.length():
			var tile := row[x]
			var color: Color = TERRAIN_COLORS.get(_legend.get(tile, ""), UNKNOWN_COLOR)
			if (x + y) % 2 == 1:
				color = color.darkened(0.05) # a checkerboard, so distances can be judged
			var rect := Rect2(Vector2(x, y) * tile_size, size)
			draw_rect(rect, color)
			if _blocked.contains(tile):
				draw_rect(rect.grow(-2), color.darkened(0.25), false, 2.0)
	for gate: Dictionary in definition.get("gates", []):
		_draw_gate(gate)


func _draw_gate(gate: Dictionary) -> void:
	var area: Dictionary = gate.get("area", {})
	var rect := Rect2(Vector2(area.get("x", 0), area.get("y", 0)) * tile_size,
		Vector2(area.get("w", 1), area.get("h", 1)) * tile_size)
	draw_rect(rect, GATE_COLOR)
	draw_rect(rect, GATE_COLOR.lightened(0.5), false, 2.0)
	var font := ThemeDB.fallback_font
	var text := str(gate.get("name", "Gate"))
	var width := font.get_string_size(text, HORIZONTAL_ALIGNMENT_LEFT, -1, LABEL_SIZE).x
	# Centered above the portal, kept inside the map when the gate sits on its edge.
	var left := clampf(rect.get_center().x - width / 2, 4.0, maxf(4.0, size_px.x - width - 4.0))
	var where := Vector2(left, rect.position.y - 8)
	draw_string_outline(font, where, text, HORIZONTAL_ALIGNMENT_LEFT, -1, LABEL_SIZE, 4, Color.BLACK)
	draw_string(font, where, text, HORIZONTAL_ALIGNMENT_LEFT, -1, LABEL_SIZE, Color.WHITE)
