package com.mmorpg.client.auth;

/** An error answer of a backend service: HTTP status and the problem's {@code code} (e.g. {@code NAME_TAKEN}). */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(code + " (" + status + "): " + message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
