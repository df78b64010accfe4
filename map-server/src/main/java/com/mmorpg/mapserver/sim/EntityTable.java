package com.mmorpg.mapserver.sim;

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

    Entity[] entities = new Entity[256];
    int[] ids = new int[256];
    int[] qx = new int[256];
    int[] qy = new int[256];
    int[] hp = new int[256];
    byte[] state = new byte[256];
    int[] positionTick = new int[256];
    int[] hpTick = new int[256];
    int[] stateTick = new int[256];
    /** Per interest worker: its scan stamps. */
    int[][] marks = new int[InterestPhase.MAX_WORKERS][256];
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
        ids[slot] = entity.id;
        for (int[] workerMarks : marks) {
            workerMarks[slot] = 0;
        }
        sync(entity);
    }

    /** Copies an entity's published state (after fields were set directly). */
    void sync(Entity entity) {
        int slot = entity.slot;
        qx[slot] = entity.qx;
        qy[slot] = entity.qy;
        hp[slot] = entity.hp;
        state[slot] = entity.state;
        positionTick[slot] = entity.positionChangedTick;
        hpTick[slot] = entity.hpChangedTick;
        stateTick[slot] = entity.stateChangedTick;
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
        ids = Arrays.copyOf(ids, capacity);
        qx = Arrays.copyOf(qx, capacity);
        qy = Arrays.copyOf(qy, capacity);
        hp = Arrays.copyOf(hp, capacity);
        state = Arrays.copyOf(state, capacity);
        positionTick = Arrays.copyOf(positionTick, capacity);
        hpTick = Arrays.copyOf(hpTick, capacity);
        stateTick = Arrays.copyOf(stateTick, capacity);
        for (int w = 0; w < marks.length; w++) {
            marks[w] = Arrays.copyOf(marks[w], capacity);
        }
    }
}
