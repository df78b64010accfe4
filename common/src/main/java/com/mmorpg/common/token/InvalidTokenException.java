package com.mmorpg.common.token;

/** A token that is missing, malformed, forged, expired or otherwise unacceptable. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason);
    }

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
