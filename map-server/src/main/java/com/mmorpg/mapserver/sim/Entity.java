package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.Snapshot;

/**
 * Something that lives in a channel and can be seen: a player, a mob or an item on the ground. Only the tick thread reads
 * or writes it. Once in a world, its published fields (quantized position, hp, state) and the tick
 * each last changed are mirrored in the world's {@link EntityTable}, which replication reads.
 */
public abstract sealed class Entity permits Player, Mob, GroundItem {

    public static final byte STATE_IDLE = 0;
    public static final byte STATE_MOVING = 1;
    public static final byte STATE_DEAD = 2;
    public static final byte STATE_ATTACKING = 3;

    final int id;
    final String name;
    Channel channel;
    float x;
    float y;
    /** Wanted direction, length at most 1. */
    float dirX;
    float dirY;
    /** Pixels per second. */
    float speed;
    int hp;
    int maxHp;
    int level;
    byte state = STATE_IDLE;
    /** Quantized position as last published; positions are compared quantized so jitter below a unit is free. */
    int qx;
    int qy;
    boolean removed;
    /** Where the world mirrors this entity (null until added to a world). */
    EntityTable table;
    int slot = -1;

    Entity(int id, String name, float x, float y) {
        this.id = id;
        this.name = name;
        this.x = x;
        this.y = y;
        this.qx = Snapshot.quantize(x);
        this.qy = Snapshot.quantize(y);
    }

    /** {@code EntityEntered.KIND_PLAYER} or {@code KIND_MOB}. */
    public abstract byte kind();

    /** The class of a player, the type of a mob. */
    public abstract int typeId();

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public float x() {
        return x;
    }

    public float y() {
        return y;
    }

    public int hp() {
        return hp;
    }

    public int maxHp() {
        return maxHp;
    }

    public int level() {
        return level;
    }

    public byte state() {
        return state;
    }

    /** Its row in the world's {@link EntityTable}; -1 until it is added to a world. */
    public int slot() {
        return slot;
    }

    /** Quantized position as last published ({@code Snapshot.quantize}). */
    public int qx() {
        return qx;
    }

    public int qy() {
        return qy;
    }

    public Channel channel() {
        return channel;
    }

    public int channelNumber() {
        return channel == null ? 0 : channel.number();
    }

    public boolean isAlive() {
        return state != STATE_DEAD && !removed;
    }

    /** Moves to (nx, ny), recording the tick when the published (quantized) position changed. */
    void placeAt(float nx, float ny, int tick) {
        x = nx;
        y = ny;
        int nqx = Snapshot.quantize(nx);
        int nqy = Snapshot.quantize(ny);
        if (nqx != qx || nqy != qy) {
            qx = nqx;
            qy = nqy;
            if (table != null) {
                table.position(slot, nqx, nqy, tick);
            }
        }
    }

    void setHp(int value, int tick) {
        if (value != hp) {
            hp = value;
            if (table != null) {
                table.hp(slot, value, tick);
            }
        }
    }

    void setState(byte value, int tick) {
        if (value != state) {
            state = value;
            if (table != null) {
                table.state(slot, value, tick);
            }
        }
    }

    /** Says the position changed at {@code tick} though it did not move (it appeared somewhere new to its viewers). */
    void markPositionChanged(int tick) {
        table.position(slot, qx, qy, tick);
    }

    /** Centre to centre, in pixels. */
    float distanceTo(Entity other) {
        float dx = other.x - x;
        float dy = other.y - y;
        return (float) Math.sqrt(dx * dx + dy * dy);
    }

    /** Everything a client needs to draw this entity the first time it sees it. */
    public EntityEntered entered() {
        EntityEntered message = new EntityEntered();
        message.id = id;
        message.kind = kind();
        message.typeId = typeId();
        message.name = name;
        message.level = level;
        message.x = x;
        message.y = y;
        message.hp = hp;
        message.maxHp = maxHp;
        message.state = state;
        return message;
    }
}
