package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP: an entity came into view (or was spawned in view), with everything needed to draw it. */
public final class EntityEntered implements ServerMessage {

    public static final byte KIND_PLAYER = 0;
    public static final byte KIND_MOB = 1;
    /** An item on the ground: {@code typeId} is its item type, {@code level} the quantity, hp 0. */
    public static final byte KIND_ITEM = 2;

    public int id;
    public byte kind;
    /** The class id of a player, the mob type id of a mob, the item type id of an item. */
    public int typeId;
    public String name;
    public int level;
    public float x;
    public float y;
    public int hp;
    public int maxHp;
    public byte state;

    @Override
    public void write(Output out) {
        out.writeVarInt(id, true);
        out.writeByte(kind);
        out.writeVarInt(typeId, true);
        out.writeString(name);
        out.writeVarInt(level, true);
        out.writeFloat(x);
        out.writeFloat(y);
        out.writeVarInt(hp, true);
        out.writeVarInt(maxHp, true);
        out.writeByte(state);
    }

    @Override
    public void read(Input in) {
        id = in.readVarInt(true);
        kind = in.readByte();
        typeId = in.readVarInt(true);
        name = Wire.readString(in, 64, "name");
        level = in.readVarInt(true);
        x = Wire.readFinite(in, "x");
        y = Wire.readFinite(in, "y");
        hp = in.readVarInt(true);
        maxHp = in.readVarInt(true);
        state = in.readByte();
    }
}
