package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.content.MobType;
import com.mmorpg.content.MobZone;

/** A monster: moved by its AI ({@link MobAiSystem}), never by a client. */
public final class Mob extends Entity {

    /** What the mob is doing; the AI is a small state machine over these. */
    enum Mind { IDLE, WANDER, CHASE, ATTACK, RETURN }

    final MobType type;
    /** Where it lives and respawns; null for mobs placed by hand (benchmarks, tests). */
    final MobZone zone;
    final float homeX;
    final float homeY;
    final int attack;
    final int defense;
    Mind mind = Mind.IDLE;
    Player target;
    float wanderX;
    float wanderY;
    int nextDecisionTick;
    int lastAttackTick = Integer.MIN_VALUE / 2;
    int diedAtTick;
    /** Who dealt the killing blow, for experience. */
    Player killer;
    /** Moved by a script (benchmarks, tests) instead of the AI. */
    boolean scripted;

    Mob(int id, MobType type, MobZone zone, float x, float y) {
        super(id, type.name(), x, y);
        this.type = type;
        this.zone = zone;
        this.homeX = x;
        this.homeY = y;
        this.speed = type.speed();
        this.maxHp = type.hp();
        this.hp = type.hp();
        this.attack = type.attack();
        this.defense = type.defense();
        this.level = type.elite() ? 5 : 1;
    }

    @Override
    public byte kind() {
        return EntityEntered.KIND_MOB;
    }

    @Override
    public int typeId() {
        return type.id();
    }

    public MobType type() {
        return type;
    }

    /** Sets the direction the mob walks (length clamped to 1). */
    public void steer(float directionX, float directionY) {
        float length = (float) Math.sqrt(directionX * directionX + directionY * directionY);
        if (length > 1f) {
            directionX /= length;
            directionY /= length;
        }
        dirX = directionX;
        dirY = directionY;
    }

    /** Walks towards (tx, ty) at full speed, or stops when within {@code stopAt} pixels. */
    boolean steerTowards(float tx, float ty, float stopAt) {
        float dx = tx - x;
        float dy = ty - y;
        float distance = (float) Math.sqrt(dx * dx + dy * dy);
        if (distance <= stopAt) {
            dirX = 0;
            dirY = 0;
            return true;
        }
        dirX = dx / distance;
        dirY = dy / distance;
        return false;
    }

    float distanceFromHome() {
        float dx = homeX - x;
        float dy = homeY - y;
        return (float) Math.sqrt(dx * dx + dy * dy);
    }
}
