# A map server over KryoNet's TCP + UDP, exactly as KryoNet 2.22 speaks it: TCP frames with a
# 4-byte length, the RegisterTCP → RegisterUDP handshake, keep-alives, Kryo-encoded messages.
# Create it with MapConnection.new(), call open(map_ip, map_port, ticket) with what the gateway's
# enter_world_success / join_map_success gave, then poll() every frame.
#
# Out: steer(dir_x, dir_y) (any time: poll() then sends MoveInput at the server's tick rate while
# the direction is not zero, and one stop), or move(dir_x, dir_y) to send one input yourself (at
# most tick_rate a second: the server drops more and disconnects a flooding client),
# attack(target_id), change_channel(number), close(). In, as signals with the message dictionaries of kryo.gd:
#   welcome(msg)  snapshot(msg)  entity_entered(msg)  entity_left(msg)  combat(msg)  progress(msg)
#   died(msg)  map_transfer(msg)  channel_changed(msg)  rejected(code, message)  closed()
# `entities` holds every entity in view (id → dictionary with x, y, hp, state, kind, name, ...),
# `prediction` the locally predicted own position (see prediction.gd), `position` the server's.

signal welcome(msg)
signal snapshot(msg)
signal entity_entered(msg)
signal entity_left(msg)
signal combat(msg)
signal progress(msg)
signal died(msg)
signal map_transfer(msg)
signal channel_changed(msg)
signal rejected(code, message)
signal closed()

const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")
const Prediction = preload("res://addons/mmo_backend/prediction.gd")

const KEEP_ALIVE_MSEC = 8000 # the server drops a TCP connection silent for 12 s
const UDP_REGISTER_RETRY_MSEC = 100
const MAX_FRAME_BYTES = 65536

var entity_id = -1
var welcome_message = null
var entities = {}
var prediction = null
var position = Vector2()
var snapshots_received = 0
var bytes_received = 0

var _tcp = null
var _udp = null
var _ticket = ""
var _inbox = null
var _connection_id = -1
var _udp_registered = false
var _last_udp_register = 0
var _last_keep_alive = 0
var _seq = 0
var _open = false
var _closed = false
var _steer_x = 0.0
var _steer_y = 0.0
var _steering = false
var _last_move = 0


func open(host, port, ticket):
	_ticket = ticket
	_inbox = StreamPeerBuffer.new()
	_inbox.big_endian = true
	_tcp = StreamPeerTCP.new()
	var error = _tcp.connect_to_host(host, int(port))
	if error != OK:
		return error
	_udp = PacketPeerUDP.new()
	error = _udp.connect_to_host(host, int(port))
	_open = true
	_closed = false
	_last_keep_alive = Compat.ticks_msec()
	return error


func is_connected_to_map():
	return _open and not _closed and _tcp.get_status() == 2 # StreamPeerTCP.STATUS_CONNECTED


func move(dir_x, dir_y):
	if welcome_message == null:
		return
	_seq += 1
	if prediction != null:
		prediction.apply_input(_seq, dir_x, dir_y)
	var message = {"type": "MoveInput", "seq": _seq, "dir_x": float(dir_x), "dir_y": float(dir_y)}
	if _udp_registered:
		_udp.put_packet(Kryo.encode(message))
	else:
		_send_tcp(message)


# The direction to walk in until told otherwise; (0, 0) stops.
func steer(dir_x, dir_y):
	_steer_x = float(dir_x)
	_steer_y = float(dir_y)


func attack(target_id):
	_send_tcp({"type": "AttackRequest", "target_id": int(target_id)})


func change_channel(number):
	_send_tcp({"type": "ChangeChannel", "channel": int(number)})


func close():
	if not _open or _closed:
		return
	_closed = true
	_tcp.disconnect_from_host()
	_udp.close()
	emit_signal("closed")


# Call every frame: handshake, keep-alive, and every message that arrived.
func poll():
	if not _open or _closed:
		return
	Compat.tcp_poll(_tcp)
	var status = _tcp.get_status()
	if status == 3 or (status == 0 and _connection_id >= 0): # STATUS_ERROR, or dropped after connecting
		_drop()
		return
	if status != 2: # still connecting
		return
	var now = Compat.ticks_msec()
	if _connection_id >= 0 and not _udp_registered and now - _last_udp_register > UDP_REGISTER_RETRY_MSEC:
		_last_udp_register = now
		_udp.put_packet(Kryo.encode({"type": "RegisterUDP", "connection_id": _connection_id}))
	if now - _last_keep_alive > KEEP_ALIVE_MSEC:
		_send_tcp({"type": "KeepAlive"})
	_read_tcp()
	if welcome_message != null and now - _last_move >= 1000 / max(1, welcome_message["tick_rate"]):
		if _steer_x != 0.0 or _steer_y != 0.0:
			_last_move = now
			_steering = true
			move(_steer_x, _steer_y)
		elif _steering:
			_last_move = now
			_steering = false
			move(0, 0)
	while _udp.get_available_packet_count() > 0:
		var packet = _udp.get_packet()
		bytes_received += packet.size()
		_handle(Kryo.decode(packet))


func _read_tcp():
	var available = _tcp.get_available_bytes()
	if available > 0:
		var chunk = _tcp.get_partial_data(available)
		if chunk[0] == OK:
			bytes_received += chunk[1].size()
			var position_before = _inbox.get_position()
			_inbox.seek(_inbox.get_size())
			_inbox.put_data(chunk[1])
			_inbox.seek(position_before)
	while _inbox.get_available_bytes() >= 4:
		var start = _inbox.get_position()
		var length = _inbox.get_u32()
		if length > MAX_FRAME_BYTES:
			_drop()
			return
		if _inbox.get_available_bytes() < length:
			_inbox.seek(start)
			break
		var payload = _inbox.get_data(length)[1]
		_handle(Kryo.decode(payload))
		if _closed:
			return
	# drop what has been read
	var rest = _inbox.get_data(_inbox.get_available_bytes())[1]
	_inbox = StreamPeerBuffer.new()
	_inbox.big_endian = true
	_inbox.put_data(rest)
	_inbox.seek(0)


func _send_tcp(message):
	if not _open or _closed or _tcp.get_status() != 2:
		return
	_tcp.put_data(Kryo.frame(Kryo.encode(message)))
	_last_keep_alive = Compat.ticks_msec()


func _handle(message):
	var type = message["type"]
	if type == "":
		push_error("map connection: undecodable message: " + str(message.get("error", "")))
		return
	if type == "RegisterTCP":
		_connection_id = message["connection_id"]
		_last_udp_register = 0
	elif type == "RegisterUDP":
		if not _udp_registered:
			_udp_registered = true
			_send_tcp({"type": "Authenticate", "ticket": _ticket})
	elif type == "KeepAlive" or type == "Ping":
		pass
	elif type == "Welcome":
		welcome_message = message
		entity_id = message["entity_id"]
		position = Vector2(message["x"], message["y"])
		prediction = Prediction.new(message["x"], message["y"], message["speed"], message["tick_rate"])
		emit_signal("welcome", message)
	elif type == "Snapshot":
		_apply_snapshot(message)
	elif type == "EntityEntered":
		entities[message["id"]] = message
		emit_signal("entity_entered", message)
	elif type == "EntityLeft":
		entities.erase(message["id"])
		emit_signal("entity_left", message)
	elif type == "CombatEvent":
		if entities.has(message["target_id"]):
			entities[message["target_id"]]["hp"] = message["target_hp"]
		emit_signal("combat", message)
	elif type == "Progress":
		emit_signal("progress", message)
	elif type == "Died":
		emit_signal("died", message)
		if prediction != null:
			prediction.reset(message["respawn_x"], message["respawn_y"])
	elif type == "MapTransfer":
		emit_signal("map_transfer", message)
	elif type == "ChannelChanged":
		if message["accepted"]:
			entities.clear()
		emit_signal("channel_changed", message)
	elif type == "Rejected":
		emit_signal("rejected", message["code"], message["message"])
		close()


func _apply_snapshot(message):
	snapshots_received += 1
	var origin_qx = message["origin_qx"]
	var origin_qy = message["origin_qy"]
	position = Vector2(origin_qx / Kryo.UNITS_PER_PIXEL, origin_qy / Kryo.UNITS_PER_PIXEL)
	if prediction != null:
		prediction.reconcile(message["ack_seq"], position.x, position.y)
	for entry in message["entries"]:
		if not entities.has(entry["id"]):
			continue # its EntityEntered is on its way over TCP
		var entity = entities[entry["id"]]
		if entry["flags"] & Kryo.POSITION:
			entity["x"] = (origin_qx + entry["dqx"]) / Kryo.UNITS_PER_PIXEL
			entity["y"] = (origin_qy + entry["dqy"]) / Kryo.UNITS_PER_PIXEL
		if entry["flags"] & Kryo.HP:
			entity["hp"] = entry["hp"]
		if entry["flags"] & Kryo.STATE:
			entity["state"] = entry["state"]
	emit_signal("snapshot", message)


func _drop():
	if _closed:
		return
	_closed = true
	_udp.close()
	emit_signal("closed")
