package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP, reply to a valid {@link Authenticate}: the player's entity and everything static about it. */
public final class Welcome implements ServerMessage {

    public int entityId;
    public String characterId;
    public String name;
    public int classId;
    public int mapId;
    public int channel;
    public int channelCount;
    public int tickRate;
    public float x;
    public float y;
    public float viewRadius;
    public int level;
    public long exp;
    public long nextLevelExp;
    public int hp;
    public int maxHp;
    public int mp;
    public int maxMp;
    public int attack;
    public int defense;
    public float speed;
    public float attackRange;

    @Override
    public void write(Output out) {
        out.writeVarInt(entityId, true);
        out.writeString(characterId);
        out.writeString(name);
        out.writeVarInt(classId, true);
        out.writeVarInt(mapId, true);
        out.writeVarInt(channel, true);
        out.writeVarInt(channelCount, true);
        out.writeVarInt(tickRate, true);
        out.writeFloat(x);
        out.writeFloat(y);
        out.writeFloat(viewRadius);
        out.writeVarInt(level, true);
        out.writeVarLong(exp, true);
        out.writeVarLong(nextLevelExp, true);
        out.writeVarInt(hp, true);
        out.writeVarInt(maxHp, true);
        out.writeVarInt(mp, true);
        out.writeVarInt(maxMp, true);
        out.writeVarInt(attack, true);
        out.writeVarInt(defense, true);
        out.writeFloat(speed);
        out.writeFloat(attackRange);
    }

    @Override
    public void read(Input in) {
        entityId = in.readVarInt(true);
        characterId = Wire.readString(in, 64, "character_id");
        name = Wire.readString(in, 64, "name");
        classId = in.readVarInt(true);
        mapId = in.readVarInt(true);
        channel = in.readVarInt(true);
        channelCount = in.readVarInt(true);
        tickRate = in.readVarInt(true);
        x = Wire.readFinite(in, "x");
        y = Wire.readFinite(in, "y");
        viewRadius = Wire.readFinite(in, "view_radius");
        level = in.readVarInt(true);
        exp = in.readVarLong(true);
        nextLevelExp = in.readVarLong(true);
        hp = in.readVarInt(true);
        maxHp = in.readVarInt(true);
        mp = in.readVarInt(true);
        maxMp = in.readVarInt(true);
        attack = in.readVarInt(true);
        defense = in.readVarInt(true);
        speed = Wire.readFinite(in, "speed");
        attackRange = Wire.readFinite(in, "attack_range");
    }
}
