package com.mmorpg.service.secrets;

import java.util.List;

/**
 * Development or weak secrets where they must not be: under the {@code prod} profile, or on a
 * network interface other than loopback; start-up stops.
 */
public class InsecureConfigurationException extends RuntimeException {

    private final String action;

    public InsecureConfigurationException(List<String> problems) {
        this("Refusing to start with the prod profile: " + String.join("; ", problems),
                "Give every secret a random value of at least 32 bytes (e.g. openssl rand -base64 48), "
                        + "or run without the prod profile for development.");
    }

    public InsecureConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
