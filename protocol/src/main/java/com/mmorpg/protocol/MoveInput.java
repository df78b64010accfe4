package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * UDP (TCP accepted), sent every tick while the player steers: the direction the player wants to
 * walk, not a position. The server moves the entity at its class speed and acknowledges the last
 * applied {@code seq} in snapshots; a direction longer than 1 is shortened to 1.
 */
public final class MoveInput implements ClientMessage {

    public int seq;
    public float dirX;
    public float dirY;

    public MoveInput() {
    }

    public MoveInput(int seq, float dirX, float dirY) {
        this.seq = seq;
        this.dirX = dirX;
        this.dirY = dirY;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(seq, true);
        out.writeFloat(dirX);
        out.writeFloat(dirY);
    }

    @Override
    public void read(Input in) {
        seq = in.readVarInt(true);
        dirX = Wire.readFinite(in, "dir_x");
        dirY = Wire.readFinite(in, "dir_y");
    }
}
