package com.mmorpg.client.gateway;

/** The gateway answered {@code error {code, message}}, or closed the connection (code {@code CLOSED_<status>}). */
public class GatewayException extends RuntimeException {

    private final String code;

    public GatewayException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
