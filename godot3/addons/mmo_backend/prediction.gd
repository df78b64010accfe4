# Client-side prediction with reconciliation against the server's ack_seq: apply each MoveInput
# locally at once, keep the inputs the server has not processed yet, and when a snapshot arrives
# restart from the server's position and replay them. Walls are the server's business: a
# prediction that walks into one is corrected by the next snapshot.

var x = 0.0
var y = 0.0
var last_correction = 0.0
var _step = 0.0
var _pending = [] # [seq, dir_x, dir_y]
var _last_acked = -1


func _init(start_x, start_y, speed, tick_rate):
	x = float(start_x)
	y = float(start_y)
	_step = float(speed) / max(1, int(tick_rate))


func apply_input(seq, dir_x, dir_y):
	var direction = _normalized(dir_x, dir_y)
	_pending.append([seq, direction[0], direction[1]])
	if _pending.size() > 256:
		_pending.pop_front() # the server stopped answering: keep memory bounded
	x += direction[0] * _step
	y += direction[1] * _step


# The server processed inputs up to ack_seq and stands at (server_x, server_y).
func reconcile(ack_seq, server_x, server_y):
	if ack_seq < _last_acked:
		return # an older datagram arriving late
	_last_acked = ack_seq
	while _pending.size() > 0 and _pending[0][0] <= ack_seq:
		_pending.pop_front()
	var replay_x = float(server_x)
	var replay_y = float(server_y)
	for input in _pending:
		replay_x += input[1] * _step
		replay_y += input[2] * _step
	last_correction = sqrt((replay_x - x) * (replay_x - x) + (replay_y - y) * (replay_y - y))
	x = replay_x
	y = replay_y


func reset(new_x, new_y):
	_pending.clear()
	x = float(new_x)
	y = float(new_y)


func pending_inputs():
	return _pending.size()


# The server shortens a direction to length 1 (never lengthens it).
static func _normalized(dir_x, dir_y):
	var length = sqrt(dir_x * dir_x + dir_y * dir_y)
	if length > 1.0:
		return [dir_x / length, dir_y / length]
	return [float(dir_x), float(dir_y)]
