package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.Snapshot;
import java.util.Arrays;

/**
 * What snapshots and visibility read of every entity, kept in parallel arrays indexed by a slot
 * (structure of arrays): walking a player's view then reads a few small contiguous arrays instead
 * of chasing a pointer to each entity, which is what made the interest step memory-bound. Entities
 * write their changes through ({@link Entity#placeAt}, {@link Entity#setHp}, {@link Entity#setState}).
 * A freed slot is reused only after {@link #QUARANTINE_TICKS}, when every viewer has rescanned and
 * sent its {@code EntityLeft}, so a stale slot in a view never names another entity.
 */
final class EntityTable {

    static final int QUARANTINE_TICKS = InterestSystem.VISIBILITY_INTERVAL_TICKS + 2;

    /**
     * What a snapshot entry carries, {@link #STRIDE} ints per slot: id, qx, qy, hp. Interleaved so
     * that writing an entry reads one cache line, not one per field: a player's view visits slots in
     * no particular order.
     */
    static final int STRIDE = 4;
    static final int ID = 0;
    static final int QX = 1;
    static final int QY = 2;
    static final int HP = 3;

    Entity[] entities = new Entity[256];
    int[] wire = new int[256 * STRIDE];
    byte[] state = new byte[256];
    int[] positionTick = new int[256];
    int[] hpTick = new int[256];
    int[] stateTick = new int[256];
    /**
     * Per slot, the snapshot fields ({@code Snapshot.POSITION | HP | STATE}) that changed during the
     * current tick; set by {@link #markChanges} before snapshots are assembled.
     */
    byte[] changed = new byte[256];
    /** The same for the current tick and the one before. */
    byte[] changedLately = new byte[256];
    /** The same for the current tick and the three before (one rescan interval). */
    byte[] changedRecently = new byte[256];
    private int used;
    private int[] freeSlots = new int[64];
    private int[] freedAt = new int[64];
    private int freeHead;
    private int freeTail;

    /** Gives {@code entity} a slot and copies its state in. */
    void add(Entity entity, int tick) {
        int slot;
        if (freeHead < freeTail && tick - freedAt[freeHead] > QUARANTINE_TICKS) {
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
        wire[slot * STRIDE + ID] = entity.id;
        sync(entity);
    }

    /** Copies an entity's published state (after fields were set directly). */
    void sync(Entity entity) {
        int slot = entity.slot;
        wire[slot * STRIDE + QX] = entity.qx;
        wire[slot * STRIDE + QY] = entity.qy;
        wire[slot * STRIDE + HP] = entity.hp;
        state[slot] = entity.state;
        positionTick[slot] = entity.positionChangedTick;
        hpTick[slot] = entity.hpChangedTick;
        stateTick[slot] = entity.stateChangedTick;
    }

    /** Slots that exist (the size a set of slots needs). */
    int capacity() {
        return entities.length;
    }

    int id(int slot) {
        return wire[slot * STRIDE + ID];
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

    /** Fills {@link #changed} for {@code tick}: one pass instead of three comparisons per snapshot entry. */
    void markChanges(int tick) {
        for (int slot = 0; slot < used; slot++) {
            changed[slot] = (byte) ((positionTick[slot] == tick ? Snapshot.POSITION : 0)
                    | (hpTick[slot] == tick ? Snapshot.HP : 0) | (stateTick[slot] == tick ? Snapshot.STATE : 0));
            changedLately[slot] = (byte) ((positionTick[slot] >= tick - 1 ? Snapshot.POSITION : 0)
                    | (hpTick[slot] >= tick - 1 ? Snapshot.HP : 0) | (stateTick[slot] >= tick - 1 ? Snapshot.STATE : 0));
            int since = tick - (InterestSystem.VISIBILITY_INTERVAL_TICKS - 1);
            changedRecently[slot] = (byte) ((positionTick[slot] >= since ? Snapshot.POSITION : 0)
                    | (hpTick[slot] >= since ? Snapshot.HP : 0) | (stateTick[slot] >= since ? Snapshot.STATE : 0));
        }
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
        changed = Arrays.copyOf(changed, capacity);
        changedLately = Arrays.copyOf(changedLately, capacity);
        changedRecently = Arrays.copyOf(changedRecently, capacity);
    }
}
