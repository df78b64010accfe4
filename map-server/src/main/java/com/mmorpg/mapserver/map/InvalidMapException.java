package com.mmorpg.mapserver.map;

/** A map file that does not describe a playable map. */
public class InvalidMapException extends RuntimeException {

    public InvalidMapException(String message) {
        super(message);
    }

    public InvalidMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
