package com.mmorpg.common.token;

/** A signing secret that is missing or too short for HS256; the message names the setting, never the value. */
public class WeakSecretException extends IllegalArgumentException {

    public WeakSecretException(String message) {
        super(message);
    }
}
