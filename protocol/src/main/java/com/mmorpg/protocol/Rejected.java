package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP, the last message before the server closes the connection: why. Codes: {@code TICKET_INVALID},
 * {@code TICKET_EXPIRED}, {@code TICKET_WRONG_SERVER}, {@code TICKET_WRONG_MAP}, {@code TICKET_REPLAYED},
 * {@code AUTH_TIMEOUT}, {@code CHARACTER_NOT_FOUND}, {@code FORBIDDEN}, {@code SERVICE_UNAVAILABLE},
 * {@code MAP_FULL}, {@code SERVER_DRAINING}, {@code SERVER_SHUTDOWN}, {@code SESSION_REPLACED}, {@code FLOODING},
 * {@code PROTOCOL_VIOLATION}, {@code AUTH_REQUIRED}, {@code KICKED}, {@code BANNED}, {@code SESSION_REVOKED},
 * {@code LEASE_LOST}, {@code MAP_TRANSFER}.
 */
public final class Rejected implements ServerMessage {

    public String code;
    public String message;

    public Rejected() {
    }

    public Rejected(String code, String message) {
        this.code = code;
        this.message = message;
    }

    @Override
    public void write(Output out) {
        out.writeString(code);
        out.writeString(message);
    }

    @Override
    public void read(Input in) {
        code = Wire.readString(in, 64, "code");
        message = Wire.readString(in, 512, "message");
    }
}
