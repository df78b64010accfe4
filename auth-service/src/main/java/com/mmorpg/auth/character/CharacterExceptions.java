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
}
