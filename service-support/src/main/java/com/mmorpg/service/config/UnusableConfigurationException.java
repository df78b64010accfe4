package com.mmorpg.service.config;

/** A setting the service cannot start with (an unreadable secret file, half a TLS configuration). */
public class UnusableConfigurationException extends RuntimeException {

    public UnusableConfigurationException(String message) {
        super(message);
    }
}
