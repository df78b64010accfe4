package com.mmorpg.common.protocol;

import com.esotericsoftware.kryo.KryoException;

/** Bytes that decode but break the protocol's bounds (a negative count, an oversized string). */
public class ProtocolException extends KryoException {

    public ProtocolException(String message) {
        super(message);
    }
}
