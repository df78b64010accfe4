package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** TCP, to every player who can see the target: a hit landed. */
public final class CombatEvent implements ServerMessage {

    public int attackerId;
    public int targetId;
    public int damage;
    public int targetHp;
    public boolean killed;

    public CombatEvent() {
    }

    public CombatEvent(int attackerId, int targetId, int damage, int targetHp, boolean killed) {
        this.attackerId = attackerId;
        this.targetId = targetId;
        this.damage = damage;
        this.targetHp = targetHp;
        this.killed = killed;
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(attackerId, true);
        out.writeVarInt(targetId, true);
        out.writeVarInt(damage, true);
        out.writeVarInt(targetHp, true);
        out.writeBoolean(killed);
    }

    @Override
    public void read(Input in) {
        attackerId = in.readVarInt(true);
        targetId = in.readVarInt(true);
        damage = in.readVarInt(true);
        targetHp = in.readVarInt(true);
        killed = in.readBoolean();
    }
}
