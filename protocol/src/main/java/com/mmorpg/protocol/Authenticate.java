package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP, first message of every connection: the map ticket the gateway handed out. */
public final class Authenticate implements ClientMessage {

    public static final int MAX_TICKET_CHARS = 4096;

    public String ticket;

    public Authenticate() {
    }

    public Authenticate(String ticket) {
        this.ticket = ticket;
    }

    @Override
    public void write(Output out) {
        out.writeString(ticket);
    }

    @Override
    public void read(Input in) {
        ticket = Wire.readString(in, MAX_TICKET_CHARS, "ticket");
    }
}
