package com.mmorpg.gateway.protocol;

/** A refusal the player sees as {@code {"event":"error","data":{"code","message"}}}. */
public class GameError extends Exception {

    private final String code;

    public GameError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
