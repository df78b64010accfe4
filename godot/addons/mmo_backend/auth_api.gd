extends RefCounted
## auth-service over HTTP(S): accounts, tokens, classes, characters.
##
## No node needed: create it with [code]AuthApi.new("http://localhost:3000")[/code], call
## [method poll] every frame (from any node's [code]_process[/code]) and listen to [signal completed].
## Each call returns its request id; requests run one after another. An authenticated request
## answered 401 is retried once after refreshing the access token with the refresh token
## (automatic refresh). While [member auto_refresh] is on, the tokens are also refreshed on their
## own when 80 % of the access token's lifetime has passed, so a GatewayConnection that follow()s
## this AuthApi never has its socket closed with SESSION_EXPIRED. An answer that is not JSON (or
## larger than [constant MAX_RESPONSE_BYTES]) completes with code "INVALID_RESPONSE".

## A request ended. ok: a 2xx answer. data: the decoded JSON answer, or [code]{"code", "message"}[/code]
## on an error (status 0 with "UNREACHABLE" or "TIMEOUT" when auth-service was not reached).
signal completed(request_id: int, ok: bool, status: int, data: Variant)
## A login, register or refresh gave new tokens: [code]{"access_token", "refresh_token", "user_id", "expires_in"}[/code].
signal session_changed(session: Dictionary)
## An automatic refresh was refused (data: [code]{"code", "message"}[/code]): log in again.
signal session_lost(data: Dictionary)

const Json = preload("res://addons/mmo_backend/json.gd")

## A request with no answer after this long completes with "TIMEOUT".
const TIMEOUT_MSEC := 15000
## The largest answer read.
const MAX_RESPONSE_BYTES := 1 << 20

## The current tokens ([code]{"access_token", "refresh_token", "user_id", "expires_in"}[/code]),
## or null before a login or register.
var session: Variant = null
## Refresh the tokens on their own at 80 % of the access token's lifetime.
var auto_refresh: bool = true

var _refresh_at: int = -1
var _host: String = ""
var _port: int = 80
var _tls: bool = false
var _queue: Array[_Request] = []
var _current: _Request = null
var _http: HTTPClient = null
var _sent: bool = false
var _body := PackedByteArray()
var _started: int = 0
var _next_id: int = 1


## base_url: auth-service's address, "http://host:port" or "https://host".
func _init(base_url: String) -> void:
	var rest := base_url
	if rest.begins_with("https://"):
		_tls = true
		_port = 443
		rest = rest.substr(8)
	elif rest.begins_with("http://"):
		rest = rest.substr(7)
	rest = rest.trim_suffix("/")
	var colon := rest.rfind(":")
	if colon >= 0:
		_host = rest.substr(0, colon)
		_port = rest.substr(colon + 1).to_int()
	else:
		_host = rest


## POST /auth/register; a success starts a session.
func register(username: String, password: String) -> int:
	return _enqueue(HTTPClient.METHOD_POST, "/auth/register", {"username": username, "password": password}, false, true)


## POST /auth/login; a success starts a session.
func login(username: String, password: String) -> int:
	return _enqueue(HTTPClient.METHOD_POST, "/auth/login", {"username": username, "password": password}, false, true)


## POST /auth/refresh with the session's refresh token; a success renews the session.
func refresh() -> int:
	return _enqueue(HTTPClient.METHOD_POST, "/auth/refresh", {"refresh_token": _refresh_token()}, false, true)


## GET /character-classes: an Array of classes.
func classes() -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/character-classes", null, false, false)


## GET /maps: the world's maps ("id", "name", "url", "source") and the content "version" (public).
func maps() -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/maps", null, false, false)


## GET /maps/<id>: the map as clients draw it (public), the very definition the map server sends as
## MapLayout: "tiles", "legend", "blocked", "spawn", "gates", "mob_zones", "safe_zones" (and for a map
## drawn in Tiled, "source", its .tmj under /content/). Its version is map_version of enter_world_success.
func map_definition(map_id: Variant) -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/maps/" + str(map_id), null, false, false)


## GET /items: the world's item types ("id", "key", "name", "kind", "slot", "stack", "level", "attack",
## "defense", "heal", "cooldown_ticks") and the content "version" (public): what inventories, loot on
## the ground and trades name by type_id.
func item_types() -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/items", null, false, false)


## GET /characters: the account's characters (an Array).
func characters() -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/characters", null, true, false)


## POST /characters: a new character of that class.
func create_character(name: String, class_id: Variant) -> int:
	return _enqueue(HTTPClient.METHOD_POST, "/characters", {"name": name, "class_id": str(class_id)}, true, false)


## GET /characters/<id>.
func character(character_id: Variant) -> int:
	return _enqueue(HTTPClient.METHOD_GET, "/characters/" + str(character_id), null, true, false)


## DELETE /characters/<id>.
func delete_character(character_id: Variant) -> int:
	return _enqueue(HTTPClient.METHOD_DELETE, "/characters/" + str(character_id), null, true, false)


## The session's access token, or "" without a session.
func access_token() -> String:
	return str(session["access_token"]) if session != null else ""


## True while a request is running or waiting.
func is_busy() -> bool:
	return _current != null or _queue.size() > 0


## Drives the HTTP exchange; call every frame.
func poll() -> void:
	if _current == null and _queue.is_empty() and auto_refresh and _refresh_at >= 0 and Time.get_ticks_msec() >= _refresh_at:
		_refresh_at = -1
		var scheduled := _internal_refresh()
		scheduled.scheduled = true
		_queue.append(scheduled)
	if _current == null:
		if _queue.is_empty():
			return
		_current = _queue.pop_front()
		_start()
		if _current == null:
			return
	if Time.get_ticks_msec() - _started > TIMEOUT_MSEC:
		_finish(0, {"code": "TIMEOUT", "message": "auth-service did not answer in time"})
		return
	_http.poll()
	var status := _http.get_status()
	match status:
		HTTPClient.STATUS_CANT_RESOLVE, HTTPClient.STATUS_CANT_CONNECT, HTTPClient.STATUS_CONNECTION_ERROR, \
				HTTPClient.STATUS_TLS_HANDSHAKE_ERROR:
			_finish(0, {"code": "UNREACHABLE", "message": "cannot reach auth-service at %s:%d" % [_host, _port]})
		HTTPClient.STATUS_CONNECTED when not _sent:
			_send_request()
		HTTPClient.STATUS_BODY:
			var chunk := _http.read_response_body_chunk()
			if _body.size() + chunk.size() > MAX_RESPONSE_BYTES:
				_finish(_http.get_response_code(), {"code": "INVALID_RESPONSE", "message": "the answer is larger than %d bytes" % MAX_RESPONSE_BYTES}, false)
				return
			_body.append_array(chunk)
			if _http.get_status() != HTTPClient.STATUS_BODY:
				_complete() # the whole body is in (a server that then closes must not look unreachable)
		HTTPClient.STATUS_CONNECTED, HTTPClient.STATUS_DISCONNECTED:
			if _sent and _http.get_response_code() > 0: # the whole answer is in
				_complete()


func _enqueue(method: HTTPClient.Method, path: String, body: Variant, authenticated: bool, keeps_session: bool) -> int:
	var request := _Request.new(_next_id, method, path, body, authenticated, keeps_session)
	_next_id += 1
	_queue.append(request)
	return request.id


func _internal_refresh() -> _Request:
	var request := _Request.new(0, HTTPClient.METHOD_POST, "/auth/refresh", {"refresh_token": _refresh_token()}, false, true)
	request.retried = true
	request.internal = true
	return request


func _start() -> void:
	_http = HTTPClient.new()
	_sent = false
	_body = PackedByteArray()
	_started = Time.get_ticks_msec()
	if _host == "" or _port < 1 or _port > 65535:
		_finish(0, {"code": "UNREACHABLE", "message": "no auth-service address"})
		return
	var err := _http.connect_to_host(_host, _port, TLSOptions.client() if _tls else null)
	if err != OK:
		_finish(0, {"code": "UNREACHABLE", "message": "cannot connect (%s)" % error_string(err)})


func _send_request() -> void:
	var headers := PackedStringArray(["Accept: application/json"])
	var body := ""
	if _current.body != null:
		headers.append("Content-Type: application/json")
		body = Json.encode(_current.body)
	if _current.authenticated and session != null:
		headers.append("Authorization: Bearer " + access_token())
	var err := _http.request(_current.method, _current.path, headers, body)
	if err != OK:
		_finish(0, {"code": "UNREACHABLE", "message": "request failed (%s)" % error_string(err)})
		return
	_sent = true


func _complete() -> void:
	var status := _http.get_response_code()
	var data: Variant = null
	if _body.size() > 0:
		data = Json.decode_utf8(_body)
		if Json.is_error(data):
			_finish(status, {"code": "INVALID_RESPONSE", "message": "auth-service answered %d with something that is not JSON" % status}, false)
			return
	if status == 401 and _current.authenticated and not _current.retried and _refresh_token() != "":
		var again := _current
		again.retried = true
		_queue.push_front(again)
		_queue.push_front(_internal_refresh())
		_current = null
		_http.close()
		return
	_finish(status, data)


# Ends the current request; answered: false when the answer was unusable whatever its status.
func _finish(status: int, data: Variant, answered: bool = true) -> void:
	var request := _current
	_current = null
	if _http != null:
		_http.close()
	var ok := answered and status >= 200 and status < 300
	if ok and request.keeps_session and data is Dictionary and data.has("access_token"):
		var lifetime: Variant = data.get("expires_in", 0)
		var expires_in := int(lifetime) if lifetime is int or lifetime is float else 0
		session = {"access_token": str(data["access_token"]), "refresh_token": str(data.get("refresh_token", "")),
			"user_id": str(data.get("user_id", "")), "expires_in": expires_in}
		_refresh_at = Time.get_ticks_msec() + expires_in * 800 if expires_in > 0 else -1
		session_changed.emit(session)
	if not ok and not (data is Dictionary and data.has("code")):
		data = {"code": "HTTP_%d" % status, "message": "auth-service answered %d" % status}
	if request.scheduled:
		if not ok and status == 0:
			_refresh_at = Time.get_ticks_msec() + 5000 # unreachable: try again shortly
		elif not ok:
			session_lost.emit(data)
		return
	if request.internal:
		if not ok and not _queue.is_empty():
			# the refresh failed: the original request, next in the queue, fails with it
			var original: _Request = _queue.pop_front()
			completed.emit(original.id, false, 401, data)
		return
	completed.emit(request.id, ok, status, data)


func _refresh_token() -> String:
	return str(session["refresh_token"]) if session != null else ""


# One HTTP exchange waiting in the queue or running.
class _Request:
	extends RefCounted

	var id: int
	var method: HTTPClient.Method
	var path: String
	var body: Variant
	var authenticated: bool
	var keeps_session: bool
	var retried: bool = false
	var internal: bool = false # a refresh this AuthApi asked for itself
	var scheduled: bool = false # the automatic refresh at 80 % of the token's lifetime

	func _init(request_id: int, request_method: HTTPClient.Method, request_path: String, request_body: Variant,
			needs_token: bool, starts_session: bool) -> void:
		id = request_id
		method = request_method
		path = request_path
		body = request_body
		authenticated = needs_token
		keeps_session = starts_session
