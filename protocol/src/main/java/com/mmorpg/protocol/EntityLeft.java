package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP: an entity left the player's view (walked away, logged out, changed channel). */
public final class EntityLeft implements ServerMessage {

    public int id;

    public EntityLeft() {
    }

    public EntityLeft(int id) {
        this.id = id;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(id, true);
    }

    @Override
    public void read(Input in) {
        id = in.readVarInt(true);
    }
}
