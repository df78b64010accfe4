package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP, to the player only: experience gained, and the new maxima after a level-up. */
public final class Progress implements ServerMessage {

    public int level;
    public long exp;
    public long nextLevelExp;
    public int maxHp;
    public int maxMp;
    public int attack;
    public int defense;

    @Override
    public void write(Output out) {
        out.writeVarInt(level, true);
        out.writeVarLong(exp, true);
        out.writeVarLong(nextLevelExp, true);
        out.writeVarInt(maxHp, true);
        out.writeVarInt(maxMp, true);
        out.writeVarInt(attack, true);
        out.writeVarInt(defense, true);
    }

    @Override
    public void read(Input in) {
        level = in.readVarInt(true);
        exp = in.readVarLong(true);
        nextLevelExp = in.readVarLong(true);
        maxHp = in.readVarInt(true);
        maxMp = in.readVarInt(true);
        attack = in.readVarInt(true);
        defense = in.readVarInt(true);
    }
}
