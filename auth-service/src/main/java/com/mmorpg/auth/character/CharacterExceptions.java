package com.mmorpg.auth.character;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** The named failures of the character feature. */
final class CharacterExceptions {

    private CharacterExceptions() {
    }

    /** Also for characters of other accounts: their existence is not revealed. */
    static final class CharacterNotFoundException extends ApiException {
        CharacterNotFoundException() {
            super(HttpStatus.NOT_FOUND, "CHARACTER_NOT_FOUND", "Character not found");
        }
    }

    static final class NameTakenException extends ApiException {
        NameTakenException() {
            super(HttpStatus.CONFLICT, "NAME_TAKEN", "Character name is already taken");
        }
    }

    static final class UnknownClassException extends ApiException {
        UnknownClassException() {
            super(HttpStatus.BAD_REQUEST, "UNKNOWN_CLASS", "Unknown character class");
        }
    }

    static final class CharacterLimitException extends ApiException {
        CharacterLimitException(int limit) {
            super(HttpStatus.CONFLICT, "CHARACTER_LIMIT", "An account can have at most " + limit + " characters");
        }
    }

    /** A state write based on an older version than the stored one. */
    static final class StaleStateException extends ApiException {
        StaleStateException(long presented, long stored) {
            super(HttpStatus.CONFLICT, "STALE_VERSION",
                    "State version " + presented + " does not match the stored version " + stored);
        }
    }

    static final class InvalidStateException extends ApiException {
        InvalidStateException(String message) {
            super(HttpStatus.BAD_REQUEST, "INVALID_STATE", message);
        }
    }

    /** Another map server holds a live lease on the character; it has been asked to hand it over. */
    static final class CharacterInWorldException extends ApiException {
        CharacterInWorldException(String serverId, java.time.Duration retryAfter) {
            super(HttpStatus.CONFLICT, "CHARACTER_IN_WORLD", "The character is in the world on another map server; "
                    + "it has been asked to leave, try again shortly");
            property("server_id", serverId);
            property("retry_after_ms", retryAfter.toMillis());
        }
    }

    /** A state write or release from a server that does not hold the character's lease (any more). */
    static final class LeaseLostException extends ApiException {
        LeaseLostException(String holder) {
            super(HttpStatus.CONFLICT, "LEASE_LOST", "This server does not hold the character's lease");
            if (holder != null) {
                property("server_id", holder);
            }
        }
    }

    static final class TicketReplayedException extends ApiException {
        TicketReplayedException() {
            super(HttpStatus.CONFLICT, "TICKET_REPLAYED", "The ticket has already been used");
        }
    }

    /** The character is saved on another map than the one of the server asking for it. */
    static final class WrongMapException extends ApiException {
        WrongMapException(int savedMap) {
            super(HttpStatus.CONFLICT, "TICKET_WRONG_MAP", "The character is on map " + savedMap);
            property("map_id", String.valueOf(savedMap));
        }
    }

    /** The account of the character is banned: no map server may take it. */
    static final class AccountBannedException extends ApiException {
        AccountBannedException() {
            super(HttpStatus.CONFLICT, "BANNED", "This account is banned");
        }
    }

    /** The login session the ticket was issued in has ended (logout, refresh-token reuse, revocation). */
    static final class SessionEndedException extends ApiException {
        SessionEndedException() {
            super(HttpStatus.CONFLICT, "SESSION_REVOKED", "The login session of this ticket has ended");
        }
    }
}
