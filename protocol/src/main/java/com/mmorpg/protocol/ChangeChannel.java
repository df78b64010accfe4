package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP: move to another channel (an isolated copy of this map) of the same server. */
public final class ChangeChannel implements ClientMessage {

    public int channel;

    public ChangeChannel() {
    }

    public ChangeChannel(int channel) {
        this.channel = channel;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(channel, true);
    }

    @Override
    public void read(Input in) {
        channel = in.readVarInt(true);
    }
}
