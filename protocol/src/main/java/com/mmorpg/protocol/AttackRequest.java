package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP: attack the entity {@code targetId}; the server checks range, channel and cooldown. */
public final class AttackRequest implements ClientMessage {

    public int targetId;

    public AttackRequest() {
    }

    public AttackRequest(int targetId) {
        this.targetId = targetId;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(targetId, true);
    }

    @Override
    public void read(Input in) {
        targetId = in.readVarInt(true);
    }
}
