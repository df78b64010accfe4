package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP: the player stepped through a gate and has been saved on {@code mapId} at (x, y); the server
 * closes the connection next. The client asks the gateway for {@code join_map {map_id}}.
 */
public final class MapTransfer implements ServerMessage {

    public int mapId;
    public float x;
    public float y;

    public MapTransfer() {
    }

    public MapTransfer(int mapId, float x, float y) {
        this.mapId = mapId;
        this.x = x;
        this.y = y;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(mapId, true);
        out.writeFloat(x);
        out.writeFloat(y);
    }

    @Override
    public void read(Input in) {
        mapId = in.readVarInt(true);
        x = Wire.readFinite(in, "x");
        y = Wire.readFinite(in, "y");
    }
}
