extends RefCounted
## Client-side prediction with reconciliation against the server's ack_seq: each MoveInput is
## applied locally at once, the inputs the server has not processed yet are kept, and when a
## snapshot arrives the position restarts from the server's and replays them. Walls are the
## server's business: a prediction that walks into one is corrected by the next snapshot.
## [code]Prediction.new(x, y, speed, tick_rate)[/code]; MapConnection makes one on Welcome.

## The predicted x, in pixels.
var x: float = 0.0
## The predicted y, in pixels.
var y: float = 0.0
## How far the last reconciliation moved the prediction, in pixels.
var last_correction: float = 0.0

var _step: float = 0.0
var _pending: Array[PackedFloat64Array] = [] # [seq, dir_x, dir_y]
var _last_acked: int = -1


## start_x, start_y: where the server placed the player; speed in pixels a second; tick_rate in
## ticks a second (one input moves speed / tick_rate).
func _init(start_x: float, start_y: float, speed: float, tick_rate: int) -> void:
	x = start_x
	y = start_y
	_step = speed / maxi(1, tick_rate)


## Applies input seq (a direction, shortened to length 1 as the server does) at once.
func apply_input(seq: int, dir_x: float, dir_y: float) -> void:
	var direction := _normalized(dir_x, dir_y)
	_pending.append(PackedFloat64Array([seq, direction.x, direction.y]))
	if _pending.size() > 256:
		_pending.pop_front() # the server stopped answering: keep memory bounded
	x += direction.x * _step
	y += direction.y * _step


## The server processed inputs up to ack_seq and stands at (server_x, server_y): restart from there
## and replay the inputs after ack_seq. An older ack_seq (a late datagram) is ignored.
func reconcile(ack_seq: int, server_x: float, server_y: float) -> void:
	if ack_seq < _last_acked:
		return
	_last_acked = ack_seq
	while _pending.size() > 0 and _pending[0][0] <= ack_seq:
		_pending.pop_front()
	var replay_x := server_x
	var replay_y := server_y
	for input in _pending:
		replay_x += input[1] * _step
		replay_y += input[2] * _step
	last_correction = Vector2(replay_x - x, replay_y - y).length()
	x = replay_x
	y = replay_y


## Forgets every pending input and stands at (new_x, new_y) (after dying, say).
func reset(new_x: float, new_y: float) -> void:
	_pending.clear()
	x = new_x
	y = new_y


## How many inputs the server has not acknowledged yet.
func pending_inputs() -> int:
	return _pending.size()


# The server shortens a direction to length 1 (never lengthens it).
static func _normalized(dir_x: float, dir_y: float) -> Vector2:
	var direction := Vector2(dir_x, dir_y)
	if direction.length() > 1.0:
		return direction / direction.length()
	return direction
