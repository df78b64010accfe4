package com.mmorpg.common.net;

/**
 * A service cannot start because a server it needs (PostgreSQL, Redis, ...) does not answer at
 * the configured URL. The message is the one line an operator needs: what, where, which setting, why.
 */
public class BackingServiceUnreachableException extends RuntimeException {

    private final String setting;

    public BackingServiceUnreachableException(String what, String setting, String redactedUrl, String reason) {
        super("Cannot reach " + what + " at " + redactedUrl + " (" + setting + "): " + reason);
        this.setting = setting;
    }

    /** The environment variable to fix, e.g. {@code DATABASE_URL}. */
    public String setting() {
        return setting;
    }
}
