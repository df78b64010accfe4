package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.EntityEntered;

/** A monster: moved by its AI, never by a client. */
public final class Mob extends Entity {

    final int typeId;

    Mob(int id, int typeId, String name, float x, float y, float speed, int maxHp) {
        super(id, name, x, y);
        this.typeId = typeId;
        this.speed = speed;
        this.maxHp = maxHp;
        this.hp = maxHp;
        this.level = 1;
    }

    @Override
    byte kind() {
        return EntityEntered.KIND_MOB;
    }

    @Override
    int typeId() {
        return typeId;
    }

    /** Sets the direction the mob walks this tick (length clamped to 1). */
    public void steer(float directionX, float directionY) {
        float length = (float) Math.sqrt(directionX * directionX + directionY * directionY);
        if (length > 1f) {
            directionX /= length;
            directionY /= length;
        }
        dirX = directionX;
        dirY = directionY;
    }
}
