package com.mmorpg.mapserver.sim;

import java.util.Arrays;

/**
 * What replication reads of every entity, kept in parallel arrays indexed by a slot (structure of
 * arrays): walking a player's view then reads a few small contiguous arrays instead of chasing a
 * pointer to each entity. The table is the one record of when each published field last changed:
 * entities write their changes through ({@link Entity#placeAt}, {@link Entity#setHp},
 * {@link Entity#setState}). A freed slot is reused only after the quarantine the table was built
 * with, so a slot still in somebody's view never names another entity before that view let it go.
 * Written by the tick thread only; read by whoever the tick thread lets read it while nothing
 * changes (the interest step).
 */
public final class EntityTable {

    /**
     * What a snapshot entry carries, {@link #STRIDE} ints per slot in {@link #wire()}: id, qx, qy, hp.
     * Interleaved so that writing an entry reads one cache line, not one per field: a view visits
     * slots in no particular order.
     */
    public static final int STRIDE = 4;
    public static final int ID = 0;
    public static final int QX = 1;
    public static final int QY = 2;
    public static final int HP = 3;

    private final int quarantineTicks;
    private Entity[] entities = new Entity[256];
    private int[] wire = new int[256 * STRIDE];
    private byte[] state = new byte[256];
    private int[] positionTick = new int[256];
    private int[] hpTick = new int[256];
    private int[] stateTick = new int[256];
    private int used;
    private int[] freeSlots = new int[64];
    private int[] freedAt = new int[64];
    private int freeHead;
    private int freeTail;

    /** @param quarantineTicks how long a freed slot rests before another entity may take it */
    public EntityTable(int quarantineTicks) {
        if (quarantineTicks < 0) {
            throw new IllegalArgumentException("quarantineTicks " + quarantineTicks);
        }
        this.quarantineTicks = quarantineTicks;
    }

    /** Gives {@code entity} a slot and copies its state in: everything about it changed at {@code tick}. */
    void add(Entity entity, int tick) {
        int slot;
        if (freeHead < freeTail && tick - freedAt[freeHead] > quarantineTicks) {
            slot = freeSlots[freeHead++];
        } else {
            if (used == entities.length) {
                grow();
            }
            slot = used++;
        }
        entity.table = this;
        entity.slot = slot;
        entities[slot] = entity;
        int at = slot * STRIDE;
        wire[at + ID] = entity.id;
        wire[at + QX] = entity.qx;
        wire[at + QY] = entity.qy;
        wire[at + HP] = entity.hp;
        state[slot] = entity.state;
        positionTick[slot] = tick;
        hpTick[slot] = tick;
        stateTick[slot] = tick;
    }

    void remove(Entity entity, int tick) {
        int slot = entity.slot;
        entities[slot] = null;
        if (freeTail == freeSlots.length) {
            compactFreeList();
        }
        freeSlots[freeTail] = slot;
        freedAt[freeTail++] = tick;
    }

    void position(int slot, int newQx, int newQy, int tick) {
        wire[slot * STRIDE + QX] = newQx;
        wire[slot * STRIDE + QY] = newQy;
        positionTick[slot] = tick;
    }

    void hp(int slot, int value, int tick) {
        wire[slot * STRIDE + HP] = value;
        hpTick[slot] = tick;
    }

    void state(int slot, byte value, int tick) {
        state[slot] = value;
        stateTick[slot] = tick;
    }

    /** Slots that exist (the size a set of slots needs). */
    public int capacity() {
        return entities.length;
    }

    /** Slots handed out so far (0 to this, some of them free). */
    public int used() {
        return used;
    }

    public int id(int slot) {
        return wire[slot * STRIDE + ID];
    }

    /** Id, qx, qy and hp of every slot, {@link #STRIDE} ints each. Replaced when the table grows. */
    public int[] wire() {
        return wire;
    }

    /** The entity state ({@code Entity.STATE_*}) of every slot. */
    public byte[] states() {
        return state;
    }

    /** The tick each slot's published position last changed. */
    public int[] positionTicks() {
        return positionTick;
    }

    public int[] hpTicks() {
        return hpTick;
    }

    public int[] stateTicks() {
        return stateTick;
    }

    private void compactFreeList() {
        int live = freeTail - freeHead;
        if (live * 2 > freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
            freedAt = Arrays.copyOf(freedAt, freedAt.length * 2);
        }
        System.arraycopy(freeSlots, freeHead, freeSlots, 0, live);
        System.arraycopy(freedAt, freeHead, freedAt, 0, live);
        freeHead = 0;
        freeTail = live;
    }

    private void grow() {
        int capacity = entities.length * 2;
        entities = Arrays.copyOf(entities, capacity);
        wire = Arrays.copyOf(wire, capacity * STRIDE);
        state = Arrays.copyOf(state, capacity);
        positionTick = Arrays.copyOf(positionTick, capacity);
        hpTick = Arrays.copyOf(hpTick, capacity);
        stateTick = Arrays.copyOf(stateTick, capacity);
    }
}
