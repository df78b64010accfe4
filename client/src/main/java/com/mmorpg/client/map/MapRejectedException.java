package com.mmorpg.client.map;

/** The map server refused the connection ({@code Rejected {code, message}}) or could not be reached. */
public class MapRejectedException extends RuntimeException {

    private final String code;

    public MapRejectedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
