## What the demo's three scenes share: where the servers are, the auth-service client, the
## gateway socket and the character being played.
##
## Scenes are swapped with [method SceneTree.change_scene_to_file], which frees the old scene, so
## the network objects live here, in static variables, instead of in an autoload the game would
## have to register. Every scene calls [method poll] from its [code]_process[/code]; signals of the
## objects are connected by the scene that listens and disconnected for free when it is freed.
extends RefCounted

const AuthApi := preload("res://addons/mmo_backend/auth_api.gd")
const GatewayConnection := preload("res://addons/mmo_backend/gateway_connection.gd")

const LOGIN_SCENE := "res://demo/login.tscn"
const CHARACTER_SELECT_SCENE := "res://demo/character_select.tscn"
const WORLD_SCENE := "res://demo/world.tscn"

## auth-service's base URL, e.g. [code]http://127.0.0.1:3000[/code].
static var auth_url := ""
## The gateway's base URL (the addon appends [code]/ws?token=...[/code]).
static var gateway_url := ""
## The account's client: tokens, refreshes, characters. Null before the first log in.
static var auth: AuthApi
## The gateway's WebSocket, opened by Character Select when the player enters the world.
static var gateway: GatewayConnection
## The name the player logged in with (shown on Character Select).
static var username := ""
## The character entering or in the world: the dictionary of [code]GET /characters[/code].
static var character: Dictionary = {}
## Why the player was sent back to the login screen, shown there once.
static var notice := ""
## The gateway's [code]enter_world_success[/code]: which map server to connect to, with the ticket.
static var assignment: Dictionary = {}
## The world's item types from [code]GET /items[/code], by type id: name, kind, slot, stack, level,
## attack, defense, heal. Loaded once by the World; inventories and loot name items by type id.
static var item_types: Dictionary = {}


## The address given by the environment variable [param name], else [param fallback]. Lets a
## tester point the demo elsewhere without touching the fields (MMO_AUTH_URL, MMO_GATEWAY_URL).
static func env_or(name: String, fallback: String) -> String:
	var value := OS.get_environment(name)
	return value if value != "" else fallback


static func default_auth_url() -> String:
	return auth_url if auth_url != "" else env_or("MMO_AUTH_URL", "http://127.0.0.1:3000")


static func default_gateway_url() -> String:
	return gateway_url if gateway_url != "" else env_or("MMO_GATEWAY_URL", "ws://127.0.0.1:3002")


## A fresh auth-service client for [param url] (the login screen makes one per attempt, so a
## corrected address takes effect).
static func start_auth(url: String) -> AuthApi:
	auth_url = url.strip_edges()
	auth = AuthApi.new(auth_url)
	return auth


## A gateway socket opened with the current access token; it follows the account's refreshed
## tokens ([code]reauth[/code]) for as long as it is open.
static func open_gateway() -> GatewayConnection:
	close_gateway()
	gateway = GatewayConnection.new(gateway_url)
	gateway.follow(auth)
	gateway.open(auth.access_token())
	return gateway


static func close_gateway() -> void:
	var open := gateway
	gateway = null # first: whoever hears its closed signal sees it was closed on purpose
	if open != null:
		open.close()


## Drives the HTTP requests and the socket; call once a frame.
static func poll() -> void:
	if auth != null:
		auth.poll()
	if gateway != null:
		gateway.poll()


## Forgets the account: back to the login screen with nothing open.
static func log_out() -> void:
	close_gateway()
	auth = null
	character = {}
	assignment = {}


## Keeps the answer of [code]GET /items[/code] ([code]{"version", "items": [...]}[/code]).
static func keep_item_types(data: Variant) -> void:
	if data is not Dictionary or data.get("items") is not Array:
		return
	var types := {}
	for entry: Variant in data["items"]:
		if entry is Dictionary and entry.has("id"):
			types[int(entry["id"])] = entry
	item_types = types


## What an item type is called ("Item #<id>" before the types are known, or for an unknown one).
static func item_name(type_id: int) -> String:
	var type: Dictionary = item_types.get(type_id, {})
	return str(type.get("name", "Item #%d" % type_id))
