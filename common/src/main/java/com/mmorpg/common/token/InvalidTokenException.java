package com.mmorpg.common.token;

/** A token that is missing, malformed, forged, expired or otherwise unacceptable. */
public class InvalidTokenException extends Exception {

    /** Why a token was refused: the map server reports it to the player as a code. */
    public enum Reason {
        MALFORMED,
        BAD_SIGNATURE,
        EXPIRED,
        WRONG_AUDIENCE,
        WRONG_MAP
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidTokenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
