package com.mmorpg.gateway.world;

/** auth-service or world-directory is down, slow (past the timeout) or answered 5xx. */
public class DependencyUnavailableException extends Exception {

    public DependencyUnavailableException(String message) {
        super(message);
    }
}
