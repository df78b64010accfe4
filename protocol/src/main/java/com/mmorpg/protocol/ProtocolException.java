package com.mmorpg.protocol;

import com.esotericsoftware.kryo.KryoException;

/**
 * Bytes that decode but break the protocol's bounds (a negative count, an oversized string, an
 * unknown class id). Hostile input raises it by the thousand, so it carries no stack trace: it is
 * counted, never logged with a trace.
 */
public class ProtocolException extends KryoException {

    public ProtocolException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
