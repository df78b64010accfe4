## What the servers say, in words for the player. One place for every code the demo shows, so a
## game translates or rewords them here (README lists the codes each service answers).
extends RefCounted

const AUTH := {
	"USERNAME_TAKEN": "That username is taken: choose another one.",
	"INVALID_CREDENTIALS": "Wrong username or password.",
	"RATE_LIMITED": "Too many requests from this address: wait a minute, then try again.",
	"TOO_MANY_ATTEMPTS": "Too many failed logins for this name from here: try again in 10 minutes.",
	"SERVER_BUSY": "The server is busy: try again in a moment.",
	"UNREACHABLE": "Cannot reach the server. Is it running, and is the address right?",
	"TIMEOUT": "The server did not answer in time.",
	"NAME_TAKEN": "A character of that name exists already.",
	"CHARACTER_LIMIT": "You have as many characters as an account may have (6).",
	"UNKNOWN_CLASS": "That class does not exist (any more).",
	"CHARACTER_NOT_FOUND": "That character does not exist (any more).",
	"UNAUTHORIZED": "Your session ended: log in again.",
	"INVALID_REFRESH_TOKEN": "Your session ended: log in again.",
}

const GATEWAY := {
	"MAP_NOT_FOUND": "No server hosts your character's map right now.",
	"MAP_FULL": "Your map is full: try again later.",
	"SERVICE_UNAVAILABLE": "The world is not reachable right now: try again in a moment.",
	"FORBIDDEN": "That character is not yours.",
	"CHARACTER_NOT_FOUND": "That character does not exist (any more).",
	"RATE_LIMITED": "Too many requests: slow down.",
	"SESSION_REPLACED": "You logged in somewhere else.",
	"SESSION_REVOKED": "Your session was ended (logged out elsewhere, or by support).",
	"SESSION_EXPIRED": "Your session expired: log in again.",
	"KICKED": "You were kicked by support staff.",
	"NOT_IN_WORLD": "Enter the world first.",
}

## The gateway's close reasons (close code 1008, and 1009 / 1001 / 1011 for the others).
const GATEWAY_CLOSED := {
	"Invalid token": "Your login is no longer valid: log in again.",
	"Session revoked": "Your session was ended: logged out elsewhere, a password change, or a ban by support staff (logging in again says which).",
	"Session expired": "Your session expired: log in again.",
	"Session replaced": "You logged in somewhere else.",
	"Kicked": "You were kicked by support staff.",
	"Rate limit exceeded": "Disconnected: too many messages.",
	"Idle timeout": "Disconnected after a long silence.",
	"Message too big": "Disconnected: a message was too large.",
	"Server error": "The world server had a problem: enter again.",
}

const MAP := {
	"TICKET_INVALID": "The map server refused the entry ticket.",
	"TICKET_EXPIRED": "The entry ticket expired before it was used.",
	"TICKET_WRONG_SERVER": "The entry ticket is for another map server.",
	"TICKET_WRONG_MAP": "Your character is saved on another map.",
	"TICKET_REPLAYED": "That entry ticket was used already.",
	"AUTH_TIMEOUT": "The map server waited too long for the ticket.",
	"AUTH_REQUIRED": "The map server wanted the ticket first.",
	"CHARACTER_NOT_FOUND": "The map server does not know your character.",
	"CHARACTER_IN_WORLD": "Your character is still in the world on another server: try again.",
	"FORBIDDEN": "That character is not yours.",
	"SERVICE_UNAVAILABLE": "The map server cannot reach the account service: try again.",
	"MAP_FULL": "This map is full.",
	"SERVER_DRAINING": "This map server is shutting down: enter again to go to another.",
	"SERVER_SHUTDOWN": "The map server shut down (your character was saved).",
	"SESSION_REPLACED": "Your character entered the world from somewhere else.",
	"FLOODING": "Disconnected: too many messages.",
	"PROTOCOL_VIOLATION": "Disconnected: the map server did not understand this client.",
	"KICKED": "You were kicked by support staff.",
	"BANNED": "This account is banned.",
	"SESSION_REVOKED": "Your login session ended (logged out elsewhere, or by support): log in again.",
	"LEASE_LOST": "Your character is held by another server now.",
	"STALE_VERSION": "Your character was changed elsewhere.",
	"PROTOCOL_ERROR": "The map server sent something this client cannot read.",
}


## Why the map server refused an item or trade action (InventoryUpdate's "refused").
const ITEM := {
	"inventory_full": "Your bags are full.",
	"item_reserved": "That loot belongs to someone else for now.",
	"item_gone": "Someone was faster: the loot is gone.",
	"out_of_range": "Too far away: walk closer.",
	"no_such_item": "There is nothing in that slot.",
	"not_usable": "That cannot be used.",
	"not_wearable": "That cannot be worn.",
	"level_too_low": "Your level is too low for that.",
	"hp_full": "You are already at full health.",
	"cooldown": "Not yet: the last potion is still working.",
	"slot_taken": "That slot is taken.",
	"same_slot": "That is the same slot.",
	"bad_quantity": "That many are not there.",
	"trade_committing": "That item is being traded.",
	"already_offered": "That item is already offered.",
	"not_offered": "That item is not offered.",
	"offer_full": "No more room in the offer.",
	"not_locked": "Both sides must lock first.",
	"no_such_trade": "There is no trade to answer.",
	"no_such_player": "Nobody is there to trade with.",
	"partner_busy": "They are trading with someone else.",
	"partner_cannot_trade": "Their game cannot trade.",
	"busy": "You are already trading.",
	"try_again": "The server is busy: try again.",
}

## Why a trade ended (TradeUpdate's "reason" when cancelled).
const TRADE_ENDED := {
	"cancelled": "Trade cancelled.",
	"moved_away": "Trade cancelled: you moved too far apart.",
	"died": "Trade cancelled: a trader died.",
	"left": "Trade cancelled: the other player left.",
	"session_replaced": "Trade cancelled: a trader logged in elsewhere.",
	"item_changed": "Trade cancelled: an offered item changed.",
	"no_space": "Trade cancelled: not enough room in the bags.",
	"timed_out": "Trade cancelled: no answer.",
	"save_failed": "Trade cancelled: it could not be stored; nothing moved.",
	"nothing_offered": "Trade ended: nobody offered anything.",
}


## The text for an auth-service answer [param data] ([code]{code, message, errors?}[/code]):
## validation failures list each field's complaint.
static func auth_error(data: Variant) -> String:
	if typeof(data) != TYPE_DICTIONARY:
		return "Unexpected answer from the server."
	var code := str(data.get("code", ""))
	if code == "VALIDATION_FAILED":
		var parts: PackedStringArray = []
		for error: Variant in data.get("errors", []):
			if typeof(error) == TYPE_DICTIONARY:
				parts.append("%s %s" % [error.get("field", "?"), error.get("message", "is not valid")])
		return "Not accepted: " + ("; ".join(parts) if not parts.is_empty() else str(data.get("message", "")))
	if code == "ACCOUNT_BANNED":
		var until := str(data.get("banned_until", ""))
		return "This account is banned" + (" until " + until if until != "" and until != "null" else "") + "."
	return _known(AUTH, code, str(data.get("message", "")))


static func gateway_error(code: String, message: String) -> String:
	return _known(GATEWAY, code, message)


## Why the gateway closed the socket: 1008 carries the reason ("Invalid token", "Session revoked",
## "Session expired", "Kicked", ...), 1009 a frame too large, 1001 silence, 1006 a lost connection.
static func gateway_closed(code: int, reason: String) -> String:
	if GATEWAY_CLOSED.has(reason):
		return GATEWAY_CLOSED[reason]
	match code:
		1000:
			return "Disconnected from the world."
		1001:
			return "The world server closed an idle connection."
		1006:
			return "Lost the connection to the world server."
		1008:
			return "Disconnected from the world: " + (reason if reason != "" else "refused") + "."
		1009:
			return "Disconnected: a message was too large."
	return "Disconnected from the world (%d %s)." % [code, reason]


static func map_rejected(code: String, message: String) -> String:
	return _known(MAP, code, message)


static func _known(table: Dictionary, code: String, message: String) -> String:
	if table.has(code):
		return table[code]
	if message != "":
		return "%s (%s)" % [message, code] if code != "" else message
	return "Error: " + code


## The text for an item or trade refusal [param code].
static func item_refused(code: String) -> String:
	return ITEM[code] if ITEM.has(code) else "Refused: " + code.replace("_", " ") + "."


## The text for a cancelled trade's [param reason].
static func trade_ended(reason: String) -> String:
	return TRADE_ENDED[reason] if TRADE_ENDED.has(reason) else "Trade cancelled (%s)." % reason.replace("_", " ")
