package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP, reply to {@link ChangeChannel}: the player now lives in {@code channel} (unchanged when the
 * requested one was full or out of range, with {@code accepted} false). Every entity of the old
 * channel has been sent as {@link EntityLeft} before this message.
 */
public final class ChannelChanged implements ServerMessage {

    public int channel;
    public boolean accepted;

    public ChannelChanged() {
    }

    public ChannelChanged(int channel, boolean accepted) {
        this.channel = channel;
        this.accepted = accepted;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(channel, true);
        out.writeBoolean(accepted);
    }

    @Override
    public void read(Input in) {
        channel = in.readVarInt(true);
        accepted = in.readBoolean();
    }
}
