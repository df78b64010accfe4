package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP, the answer to {@link MapLayoutRequest}: the definition of the map the server simulates, as
 * JSON text ({@code id}, {@code name}, {@code tile_size}, {@code legend} (tile character → terrain),
 * {@code blocked} (the characters that block), {@code spawn}, {@code tiles} (rows), {@code gates},
 * {@code mob_zones}; map-server's {@code maps/<id>.json}). Clients draw the world from it, so a client
 * never carries a copy of a map that can drift from the server's.
 */
public final class MapLayout implements ServerMessage {

    /** The longest definition a client accepts (a 200 × 200 map with its gates and zones fits). */
    public static final int MAX_DEFINITION_CHARS = 60_000;

    public int mapId;
    public String definition;

    public MapLayout() {
    }

    public MapLayout(int mapId, String definition) {
        this.mapId = mapId;
        this.definition = definition;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(mapId, true);
        out.writeString(definition);
    }

    @Override
    public void read(Input in) {
        mapId = in.readVarInt(true);
        definition = Wire.readString(in, MAX_DEFINITION_CHARS, "definition");
    }
}
