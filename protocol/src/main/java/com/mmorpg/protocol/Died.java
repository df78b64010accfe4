package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP, to the player who died: where and when they come back. */
public final class Died implements ServerMessage {

    public int killerId;
    public int respawnTicks;
    public float respawnX;
    public float respawnY;

    public Died() {
    }

    public Died(int killerId, int respawnTicks, float respawnX, float respawnY) {
        this.killerId = killerId;
        this.respawnTicks = respawnTicks;
        this.respawnX = respawnX;
        this.respawnY = respawnY;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(killerId, true);
        out.writeVarInt(respawnTicks, true);
        out.writeFloat(respawnX);
        out.writeFloat(respawnY);
    }

    @Override
    public void read(Input in) {
        killerId = in.readVarInt(true);
        respawnTicks = in.readVarInt(true);
        respawnX = Wire.readFinite(in, "respawn_x");
        respawnY = Wire.readFinite(in, "respawn_y");
    }
}
