package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * A map-server message with its byte layout written out by hand, field by field, so that the
 * layout is exactly what {@code client/README.md} documents and what a GDScript codec can mirror:
 * Kryo varints, Kryo strings, big-endian floats, single bytes. No reflection, no field-order
 * surprises when a field is renamed.
 */
public sealed interface WireMessage permits ClientMessage, ServerMessage {

    void write(Output out);

    /** Fills this instance from {@code in}; throws {@link ProtocolException} on values out of range. */
    void read(Input in);
}
