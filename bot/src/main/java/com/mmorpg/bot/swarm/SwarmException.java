package com.mmorpg.bot.swarm;

/** A bot could not enter or stay: the server's Rejected code, or UNREACHABLE, DISCONNECTED, UNDECODABLE. */
public final class SwarmException extends RuntimeException {

    private final String code;

    public SwarmException(String code, String message) {
        super(code + ": " + message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
