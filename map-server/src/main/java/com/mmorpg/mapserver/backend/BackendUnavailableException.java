package com.mmorpg.mapserver.backend;

/** A backend could not be reached or did not answer in time. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String backend, Throwable cause) {
        super(backend + " unavailable: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
