# auth-service over HTTP(S): accounts, tokens, classes, characters. No node needed: create it with
# AuthApi.new("http://localhost:3000"), call poll() every frame (e.g. from _process), and listen to
# `completed`. Requests run one after another. An authenticated request answered 401 is retried
# once after refreshing the access token with the refresh token (automatic refresh). While
# `auto_refresh` is on, the tokens are also refreshed on their own when 80 % of the access token's
# lifetime has passed, so a GatewayConnection that follow()s this AuthApi never has its socket
# closed with SESSION_EXPIRED.
#
#   completed(request_id, ok, status, data)  data: the decoded JSON, or {"code", "message"} on error
#   session_changed(session)                 {"access_token", "refresh_token", "user_id", "expires_in"}
#   session_lost(data)                       an automatic refresh was refused: log in again

signal completed(request_id, ok, status, data)
signal session_changed(session)
signal session_lost(data)

const Json = preload("res://addons/mmo_backend/json.gd")
const Compat = preload("res://addons/mmo_backend/compat.gd")

const METHOD_GET = 0 # HTTPClient.METHOD_* have the same values in 3.x and 4
const METHOD_POST = 2
const METHOD_DELETE = 4
const TIMEOUT_MSEC = 15000

var session = null
var auto_refresh = true
var _refresh_at = -1
var _host = ""
var _port = 80
var _tls = false
var _queue = []
var _current = null
var _http = null
var _sent = false
var _body = null
var _started = 0
var _next_id = 1


func _init(base_url):
	var rest = base_url
	if rest.begins_with("https://"):
		_tls = true
		_port = 443
		rest = rest.substr(8, rest.length())
	elif rest.begins_with("http://"):
		rest = rest.substr(7, rest.length())
	if rest.ends_with("/"):
		rest = rest.substr(0, rest.length() - 1)
	var colon = rest.find(":")
	if colon >= 0:
		_host = rest.substr(0, colon)
		_port = int(rest.substr(colon + 1, rest.length()))
	else:
		_host = rest


func register(username, password):
	return _enqueue(METHOD_POST, "/auth/register", {"username": username, "password": password}, false, true)


func login(username, password):
	return _enqueue(METHOD_POST, "/auth/login", {"username": username, "password": password}, false, true)


func refresh():
	return _enqueue(METHOD_POST, "/auth/refresh", {"refresh_token": _refresh_token()}, false, true)


func classes():
	return _enqueue(METHOD_GET, "/character-classes", null, false, false)


func characters():
	return _enqueue(METHOD_GET, "/characters", null, true, false)


func create_character(name, class_id):
	return _enqueue(METHOD_POST, "/characters", {"name": name, "class_id": str(class_id)}, true, false)


func character(character_id):
	return _enqueue(METHOD_GET, "/characters/" + str(character_id), null, true, false)


func delete_character(character_id):
	return _enqueue(METHOD_DELETE, "/characters/" + str(character_id), null, true, false)


func access_token():
	return session["access_token"] if session != null else ""


func is_busy():
	return _current != null or _queue.size() > 0


# Drives the HTTP exchange; call every frame.
func poll():
	if _current == null and _queue.size() == 0 and auto_refresh and _refresh_at >= 0 and Compat.ticks_msec() >= _refresh_at:
		_refresh_at = -1
		_queue.append({"id": 0, "method": METHOD_POST, "path": "/auth/refresh",
			"body": {"refresh_token": _refresh_token()}, "authenticated": false, "keeps_session": true,
			"retried": true, "internal": true, "scheduled": true})
	if _current == null:
		if _queue.size() == 0:
			return
		_current = _queue.pop_front()
		_start()
		if _current == null:
			return
	if Compat.ticks_msec() - _started > TIMEOUT_MSEC:
		_finish(0, {"code": "TIMEOUT", "message": "auth-service did not answer in time"})
		return
	_http.poll()
	# HTTPClient.STATUS_*: the same numbers in 3.x and 4.
	var status = _http.get_status()
	if status == 2 or status == 4 or status == 8 or status == 9: # can't resolve / connect, connection or TLS error
		_finish(0, {"code": "UNREACHABLE", "message": "cannot reach auth-service at %s:%d" % [_host, _port]})
	elif status == 5 and not _sent: # CONNECTED: send the request
		var headers = ["Accept: application/json"]
		var body = ""
		if _current.body != null:
			headers.append("Content-Type: application/json")
			body = Json.encode(_current.body)
		if _current.authenticated and session != null:
			headers.append("Authorization: Bearer " + session["access_token"])
		var error = _http.request(_current.method, _current.path, headers, body)
		if error != OK:
			_finish(0, {"code": "UNREACHABLE", "message": "request failed (%d)" % error})
			return
		_sent = true
	elif status == 7: # BODY
		var chunk = _http.read_response_body_chunk()
		if chunk.size() > 0:
			_body.append_array(chunk)
	elif _sent and (status == 5 or status == 0) and _http.get_response_code() > 0: # the whole answer is in
		_complete()


func _enqueue(method, path, body, authenticated, keeps_session):
	var id = _next_id
	_next_id += 1
	_queue.append({"id": id, "method": method, "path": path, "body": body, "authenticated": authenticated,
		"keeps_session": keeps_session, "retried": false, "internal": false, "scheduled": false})
	return id


func _start():
	_http = HTTPClient.new()
	_sent = false
	_body = Compat.empty_bytes()
	_started = Compat.ticks_msec()
	var error
	if _tls and Compat.is_godot4():
		var options = Expression.new()
		options.parse("TLSOptions.client()")
		error = _http.call("connect_to_host", _host, _port, options.execute())
	elif _tls:
		error = _http.call("connect_to_host", _host, _port, true, true)
	else:
		error = _http.connect_to_host(_host, _port)
	if error != OK:
		_finish(0, {"code": "UNREACHABLE", "message": "cannot connect (%d)" % error})


func _complete():
	if _current == null:
		return
	var status = _http.get_response_code()
	var text = Compat.utf8_string(_body)
	var data = null
	if text.length() > 0:
		data = Json.decode(text)
		if Json.is_error(data):
			data = {"code": "INVALID_RESPONSE", "message": "not JSON"}
	if status == 401 and _current.authenticated and not _current.retried and _refresh_token() != "":
		var again = _current
		again.retried = true
		_queue.push_front(again)
		_queue.push_front({"id": 0, "method": METHOD_POST, "path": "/auth/refresh",
			"body": {"refresh_token": _refresh_token()}, "authenticated": false, "keeps_session": true,
			"retried": true, "internal": true, "scheduled": false})
		_current = null
		_http.close()
		return
	_finish(status, data)


func _finish(status, data):
	var request = _current
	_current = null
	if _http != null:
		_http.close()
	var ok = status >= 200 and status < 300
	if ok and request.keeps_session and typeof(data) == TYPE_DICTIONARY and data.has("access_token"):
		session = {"access_token": data["access_token"], "refresh_token": data.get("refresh_token", ""),
			"user_id": str(data.get("user_id", "")), "expires_in": data.get("expires_in", 0)}
		_refresh_at = Compat.ticks_msec() + int(session["expires_in"]) * 800 if int(session["expires_in"]) > 0 else -1
		emit_signal("session_changed", session)
	if not ok and (data == null or typeof(data) != TYPE_DICTIONARY or not data.has("code")):
		data = {"code": "HTTP_%d" % status, "message": "auth-service answered %d" % status}
	if request.get("scheduled", false):
		if not ok and status == 0:
			_refresh_at = Compat.ticks_msec() + 5000 # unreachable: try again shortly
		elif not ok:
			emit_signal("session_lost", data)
		return
	if request.internal:
		if not ok:
			# the refresh failed: the original request fails with it
			var original = _queue.pop_front() if _queue.size() > 0 else null
			if original != null:
				emit_signal("completed", original.id, false, 401, data)
		return
	emit_signal("completed", request.id, ok, status, data)


func _refresh_token():
	return session["refresh_token"] if session != null else ""
