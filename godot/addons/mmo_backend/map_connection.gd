extends RefCounted
## A map server over KryoNet's TCP + UDP, exactly as KryoNet 2.22 speaks it: TCP frames with a
## 4-byte length, the RegisterTCP → RegisterUDP handshake, keep-alives, Kryo-encoded messages.
##
## Create it with [code]MapConnection.new()[/code], call [method open] with what the gateway's
## enter_world_success / join_map_success gave, then [method poll] every frame (from any node's
## [code]_process[/code]). Out: [method steer] (any time: poll() then sends MoveInput at the
## server's tick rate while the direction is not zero, and one stop), or [method move] to send one
## input yourself, [method attack], [method change_channel], [method request_map_layout], items
## ([method pick_up], [method move_item], [method split_item], [method drop_item],
## [method destroy_item], [method use_item], [method equip], [method unequip]), trades
## ([method request_trade], [method accept_trade], [method offer], [method withdraw_offer],
## [method lock_trade], [method confirm_trade], [method cancel_trade]), [method close]. In: the
## signals below, with the message dictionaries of kryo.gd. [member inventory] holds the player's
## items by slot (0-29 the bag, 100-103 worn: weapon, head, body, feet), [member trade] the trade.
## [member entities] holds every entity in view, [member position] the server's own position,
## [member prediction] the locally predicted one (prediction.gd), [member layout] the map's
## definition once requested.
##
## What the server sends is decoded without trust: a TCP frame over [constant MAX_FRAME_BYTES] or
## one that does not decode ends the connection with [signal rejected] ("PROTOCOL_ERROR", why) and
## [signal closed]; an undecodable UDP datagram is dropped and counted in [member messages_dropped].

## Welcome: the player is in the world ([code]{"type": "Welcome", "entity_id", "x", "y", ...}[/code]).
signal welcome(msg: Dictionary)
## A Snapshot, after its positions, hp and states have been applied to [member entities].
signal snapshot(msg: Dictionary)
## EntityEntered: something came into view (already in [member entities]).
signal entity_entered(msg: Dictionary)
## EntityLeft: something left the view (already gone from [member entities]).
signal entity_left(msg: Dictionary)
## CombatEvent: someone hit someone (the target's hp already applied to [member entities]).
signal combat(msg: Dictionary)
## Progress: the player's level, experience and stats changed.
signal progress(msg: Dictionary)
## Died: the player died and respawns after respawn_ticks.
signal died(msg: Dictionary)
## MapTransfer: the player walked through a gate; ask the gateway to join_map(msg["map_id"]).
signal map_transfer(msg: Dictionary)
## ChannelChanged: the answer to [method change_channel].
signal channel_changed(msg: Dictionary)
## MapLayout: the answer to [method request_map_layout], with "map": the parsed definition
## (an empty Dictionary when it is not a JSON object), also kept in [member layout].
signal map_layout(data: Dictionary)
## InventoryUpdate: all of the player's items on entering ("full": true), then each change; "refused"
## says why an item action changed nothing ("inventory_full", "item_reserved", "out_of_range"...).
## Already applied to [member inventory].
signal inventory_changed(msg: Dictionary)
## TradeUpdate: the trade as it stands ("state": TRADE_ASKED...TRADE_CANCELLED, "mine" and "theirs"
## offers, "mine_locked", "theirs_locked", "mine_confirmed", "theirs_confirmed", "reason"). Done
## comes only once the server has stored the trade for both players. Also kept in [member trade].
signal trade_changed(msg: Dictionary)
## Rejected by the server (then the connection closes), or "PROTOCOL_ERROR" when the server sent
## what this client refuses.
signal rejected(code: String, message: String)
## The connection ended: close(), the server closed it, or it could not be made.
signal closed()

const Kryo = preload("res://addons/mmo_backend/kryo.gd")
const Json = preload("res://addons/mmo_backend/json.gd")
const Prediction = preload("res://addons/mmo_backend/prediction.gd")

## Sends KeepAlive when nothing was sent for this long (the server drops a TCP connection silent for 12 s).
const KEEP_ALIVE_MSEC := 8000
## How often RegisterUDP is sent again until the server confirms it.
const UDP_REGISTER_RETRY_MSEC := 100
## Gives up on a TCP connection not made within this time.
const CONNECT_TIMEOUT_MSEC := 10000
## TradeUpdate states.
const TRADE_ASKED := 0
const TRADE_INVITED := 1
const TRADE_OPEN := 2
const TRADE_COMMITTING := 3
const TRADE_DONE := 4
const TRADE_CANCELLED := 5
## The first slot of what is worn (weapon; head, body and feet follow).
const WORN_FIRST := 100

## The largest TCP frame accepted (the server never writes a message over 64 KiB).
const MAX_FRAME_BYTES := 65536
## The most UDP datagrams read in one poll().
const MAX_DATAGRAMS_PER_POLL := 256

## The player's entity id (from Welcome), -1 before.
var entity_id: int = -1
## The Welcome message (a Dictionary), or null before it arrived.
var welcome_message: Variant = null
## Every entity in view: id → the EntityEntered dictionary, with x, y, hp and state kept current.
var entities: Dictionary = {}
## The locally predicted position (made on Welcome), or null before.
var prediction: Prediction = null
## The player's position as the server last said, in pixels.
var position: Vector2 = Vector2()
## The map's definition (map-server's maps/<id>.json: "id", "name", "tile_size", "legend",
## "blocked", "spawn", "tiles", "gates", "mob_zones"), once [signal map_layout] has come.
var layout: Dictionary = {}
## The player's items: slot → {"slot", "item_id", "type_id", "quantity"}.
var inventory: Dictionary = {}
## The last TradeUpdate (with the flags as booleans), or an empty Dictionary.
var trade: Dictionary = {}
## Snapshots received on this connection.
var snapshots_received: int = 0
## Bytes received on this connection (TCP and UDP).
var bytes_received: int = 0
## Messages from the server that were refused (undecodable UDP datagrams).
var messages_dropped: int = 0

var _tcp: StreamPeerTCP = null
var _udp: PacketPeerUDP = null
var _ticket: String = ""
var _inbox := PackedByteArray()
var _connection_id: int = -1
var _udp_registered: bool = false
var _last_udp_register: int = 0
var _last_keep_alive: int = 0
var _opened_at: int = 0
var _seq: int = 0
var _open: bool = false
var _closed: bool = false
var _steer := Vector2()
var _steering: bool = false
var _last_move: int = 0
var _layout_wanted: bool = false
var _layout_requested: bool = false


## Connects to the map server at host:port (map_ip and map_port from the gateway) and, once the
## handshake is done, authenticates with the ticket. A connection still open is closed first.
func open(host: String, port: int, ticket: String) -> Error:
	close()
	if host == "" or port < 1 or port > 65535:
		return ERR_INVALID_PARAMETER
	_reset()
	_ticket = ticket
	_tcp = StreamPeerTCP.new()
	var err := _tcp.connect_to_host(host, port)
	if err != OK:
		return err
	_udp = PacketPeerUDP.new()
	err = _udp.connect_to_host(host, port)
	if err != OK:
		_tcp.disconnect_from_host()
		return err
	_open = true
	_opened_at = Time.get_ticks_msec()
	_last_keep_alive = _opened_at
	return OK


## True while the TCP connection is up (before and after Welcome).
func is_connected_to_map() -> bool:
	return _open and not _closed and _tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED


## Sends one MoveInput now (over UDP once registered): at most tick_rate a second, since the server
## drops more and disconnects a flooding client. Nothing is sent before Welcome.
func move(dir_x: float, dir_y: float) -> void:
	if welcome_message == null:
		return
	_seq += 1
	if prediction != null:
		prediction.apply_input(_seq, dir_x, dir_y)
	var message := {"type": "MoveInput", "seq": _seq, "dir_x": dir_x, "dir_y": dir_y}
	if _udp_registered:
		_udp.put_packet(Kryo.encode(message))
	else:
		_send_tcp(message)


## The direction to walk in until told otherwise; (0, 0) stops.
func steer(dir_x: float, dir_y: float) -> void:
	_steer = Vector2(dir_x, dir_y)


## Attacks that entity (the server checks range and cooldown; refusals are silent).
func attack(target_id: int) -> void:
	_send_tcp({"type": "AttackRequest", "target_id": target_id})


## Asks to move to channel number (1..channel_count); channel_changed answers.
func change_channel(number: int) -> void:
	_send_tcp({"type": "ChangeChannel", "channel": number})


## Asks the server for the definition of this connection's map (call it after [method open]);
## [signal map_layout] answers. Sent once Welcome has come (at once if it has); the server answers
## once per connection, so later calls on the same connection send nothing (the answer stays in
## [member layout]). A new [method open] forgets the request: ask again for the next map.
func request_map_layout() -> void:
	_layout_wanted = true
	if welcome_message != null:
		_send_layout_request()


## Picks up the item lying on the ground as entity entity_id (within 64 px; loot is its killer's for 30 s).
func pick_up(entity_id_on_ground: int) -> void:
	_item(0, entity_id_on_ground, 0, 0)


## Moves the stack in bag slot from to slot to: into an empty slot, onto a stack of its type, or swapping.
func move_item(from: int, to: int) -> void:
	_item(1, from, to, 0)


## Moves quantity of the stack in bag slot from to the empty bag slot to.
func split_item(from: int, to: int, quantity: int) -> void:
	_item(2, from, to, quantity)


## Drops the stack in bag slot slot at the player's feet (it lies down once the server saved the drop).
func drop_item(slot: int) -> void:
	_item(3, slot, 0, 0)


func destroy_item(slot: int) -> void:
	_item(4, slot, 0, 0)


## Uses one of the consumable in bag slot slot (a potion heals).
func use_item(slot: int) -> void:
	_item(5, slot, 0, 0)


## Wears the item in bag slot slot; what was worn there goes to that slot.
func equip(slot: int) -> void:
	_item(6, slot, 0, 0)


## Takes off what is worn in worn_slot (WORN_FIRST + n) into bag slot to, or the first free one with -1.
func unequip(worn_slot: int, to: int = -1) -> void:
	_item(7, worn_slot, to, 0)


## Asks the player entity_id (near, in this channel) to trade.
func request_trade(other_entity_id: int) -> void:
	_send_tcp({"type": "TradeAction", "action": 0, "target": other_entity_id})


## Accepts the trade the player entity_id asked for.
func accept_trade(other_entity_id: int) -> void:
	_send_tcp({"type": "TradeAction", "action": 1, "target": other_entity_id})


## Offers the whole stack in bag slot slot.
func offer(slot: int) -> void:
	_send_tcp({"type": "TradeAction", "action": 2, "target": slot})


func withdraw_offer(slot: int) -> void:
	_send_tcp({"type": "TradeAction", "action": 3, "target": slot})


func lock_trade() -> void:
	_send_tcp({"type": "TradeAction", "action": 4, "target": 0})


func confirm_trade() -> void:
	_send_tcp({"type": "TradeAction", "action": 5, "target": 0})


func cancel_trade() -> void:
	_send_tcp({"type": "TradeAction", "action": 6, "target": 0})


func _item(action: int, source: int, target: int, quantity: int) -> void:
	_send_tcp({"type": "ItemAction", "action": action, "source": source, "target": target, "quantity": quantity})


## Ends the connection; [signal closed] follows (once) if it was open.
func close() -> void:
	if not _open or _closed:
		return
	_closed = true
	_tcp.disconnect_from_host()
	_udp.close()
	closed.emit()


## Call every frame: handshake, keep-alive, steering, and every message that arrived.
func poll() -> void:
	if not _open or _closed:
		return
	_tcp.poll()
	var status := _tcp.get_status()
	var now := Time.get_ticks_msec()
	if status == StreamPeerTCP.STATUS_ERROR or status == StreamPeerTCP.STATUS_NONE:
		close()
		return
	if status != StreamPeerTCP.STATUS_CONNECTED:
		if now - _opened_at > CONNECT_TIMEOUT_MSEC:
			close()
		return
	if _connection_id >= 0 and not _udp_registered and now - _last_udp_register > UDP_REGISTER_RETRY_MSEC:
		_last_udp_register = now
		_udp.put_packet(Kryo.encode({"type": "RegisterUDP", "connection_id": _connection_id}))
	if now - _last_keep_alive > KEEP_ALIVE_MSEC:
		_send_tcp({"type": "KeepAlive"})
	_read_tcp()
	if _closed:
		return
	if welcome_message != null and now - _last_move >= 1000.0 / maxi(1, int(welcome_message["tick_rate"])):
		if _steer != Vector2.ZERO:
			_last_move = now
			_steering = true
			move(_steer.x, _steer.y)
		elif _steering:
			_last_move = now
			_steering = false
			move(0.0, 0.0)
	var datagrams := 0
	while not _closed and _udp.get_available_packet_count() > 0 and datagrams < MAX_DATAGRAMS_PER_POLL:
		datagrams += 1
		var packet := _udp.get_packet()
		bytes_received += packet.size()
		var message := Kryo.decode(packet)
		if message["type"] == "":
			messages_dropped += 1
		else:
			_handle(message)


func _reset() -> void:
	entity_id = -1
	welcome_message = null
	entities = {}
	prediction = null
	position = Vector2()
	layout = {}
	inventory = {}
	trade = {}
	_inbox = PackedByteArray()
	_connection_id = -1
	_udp_registered = false
	_last_udp_register = 0
	_seq = 0
	_open = false
	_closed = false
	_steer = Vector2()
	_steering = false
	_last_move = 0
	_layout_wanted = false
	_layout_requested = false


func _read_tcp() -> void:
	var available := _tcp.get_available_bytes()
	if available > 0:
		var chunk: Array = _tcp.get_partial_data(available)
		if chunk[0] == OK:
			var data: PackedByteArray = chunk[1]
			bytes_received += data.size()
			_inbox.append_array(data)
	var at := 0
	while _inbox.size() - at >= 4:
		var length := (_inbox[at] << 24) | (_inbox[at + 1] << 16) | (_inbox[at + 2] << 8) | _inbox[at + 3]
		if length > MAX_FRAME_BYTES:
			_refuse("a frame of %d bytes over %d" % [length, MAX_FRAME_BYTES])
			return
		if _inbox.size() - at - 4 < length:
			break
		var message := Kryo.decode(_inbox.slice(at + 4, at + 4 + length))
		at += 4 + length
		if message["type"] == "":
			_refuse(str(message["error"]))
			return
		_handle(message)
		if _closed:
			return
	if at > 0:
		_inbox = _inbox.slice(at)


func _send_tcp(message: Dictionary) -> void:
	if not _open or _closed or _tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		return
	_tcp.put_data(Kryo.frame(Kryo.encode(message)))
	_last_keep_alive = Time.get_ticks_msec()


func _send_layout_request() -> void:
	if _layout_requested:
		return
	_layout_requested = true
	_send_tcp({"type": "MapLayoutRequest"})


func _handle(message: Dictionary) -> void:
	match message["type"]:
		"RegisterTCP":
			_connection_id = message["connection_id"]
			_last_udp_register = 0
		"RegisterUDP":
			if not _udp_registered:
				_udp_registered = true
				_send_tcp({"type": "Authenticate", "ticket": _ticket})
		"Welcome":
			welcome_message = message
			entity_id = message["entity_id"]
			position = Vector2(message["x"], message["y"])
			prediction = Prediction.new(message["x"], message["y"], message["speed"], message["tick_rate"])
			if _layout_wanted:
				_send_layout_request()
			_item(8, 0, 0, 0) # this client speaks items: the server sends the inventory, and trades
			welcome.emit(message)
		"Snapshot":
			_apply_snapshot(message)
		"EntityEntered":
			entities[message["id"]] = message
			entity_entered.emit(message)
		"EntityLeft":
			entities.erase(message["id"])
			entity_left.emit(message)
		"CombatEvent":
			if entities.has(message["target_id"]):
				entities[message["target_id"]]["hp"] = message["target_hp"]
			combat.emit(message)
		"Progress":
			progress.emit(message)
		"Died":
			if prediction != null:
				prediction.reset(message["respawn_x"], message["respawn_y"])
			died.emit(message)
		"MapTransfer":
			map_transfer.emit(message)
		"ChannelChanged":
			if message["accepted"]:
				entities.clear()
			channel_changed.emit(message)
		"MapLayout":
			var parsed: Variant = Json.decode(message["definition"]) if message["definition"] is String else null
			message["map"] = parsed if parsed is Dictionary and not Json.is_error(parsed) else {}
			layout = message["map"]
			map_layout.emit(message)
		"InventoryUpdate":
			if message["full"]:
				inventory = {}
			for entry: Dictionary in message["entries"]:
				if entry["quantity"] == 0:
					inventory.erase(entry["slot"])
				else:
					inventory[entry["slot"]] = entry
			inventory_changed.emit(message)
		"TradeUpdate":
			var flags: int = message["flags"]
			message["mine_locked"] = flags & 1 != 0
			message["theirs_locked"] = flags & 2 != 0
			message["mine_confirmed"] = flags & 4 != 0
			message["theirs_confirmed"] = flags & 8 != 0
			trade = message
			trade_changed.emit(message)
		"Rejected":
			var code: Variant = message["code"]
			var text: Variant = message["message"]
			rejected.emit(code if code is String else "", text if text is String else "")
			close()
		_:
			pass # KeepAlive, Ping, and messages only a client sends


func _apply_snapshot(message: Dictionary) -> void:
	snapshots_received += 1
	var origin_qx: int = message["origin_qx"]
	var origin_qy: int = message["origin_qy"]
	position = Vector2(origin_qx / Kryo.UNITS_PER_PIXEL, origin_qy / Kryo.UNITS_PER_PIXEL)
	if prediction != null:
		prediction.reconcile(message["ack_seq"], position.x, position.y)
	for entry: Dictionary in message["entries"]:
		if not entities.has(entry["id"]):
			continue # its EntityEntered is on its way over TCP
		var entity: Dictionary = entities[entry["id"]]
		var flags: int = entry["flags"]
		if flags & Kryo.POSITION:
			entity["x"] = (origin_qx + int(entry["dqx"])) / Kryo.UNITS_PER_PIXEL
			entity["y"] = (origin_qy + int(entry["dqy"])) / Kryo.UNITS_PER_PIXEL
		if flags & Kryo.HP:
			entity["hp"] = entry["hp"]
		if flags & Kryo.STATE:
			entity["state"] = entry["state"]
	snapshot.emit(message)


# The server sent what this client refuses: say why, then end the connection.
func _refuse(why: String) -> void:
	rejected.emit("PROTOCOL_ERROR", why)
	close()
