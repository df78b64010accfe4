package com.mmorpg.common.internal;

/**
 * A backend service could not be reached, did not answer within the timeout, or answered something
 * its contract does not allow (a body that is not the record it promised).
 */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String service, String what, Throwable cause) {
        super(service + " unavailable: " + what + (cause == null ? "" : " (" + describe(cause) + ")"), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
