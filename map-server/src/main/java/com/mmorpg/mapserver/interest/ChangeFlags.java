package com.mmorpg.mapserver.interest;

import com.mmorpg.protocol.Snapshot;
import com.mmorpg.mapserver.sim.EntityTable;

/**
 * Per slot, which snapshot fields ({@code Snapshot.POSITION | HP | STATE}) changed over the last
 * one, two and {@link InterestWorker#VISIBILITY_INTERVAL_TICKS} ticks: derived once per tick from
 * the table's change ticks (the one record of them), so that assembling a snapshot reads one byte
 * per entry instead of comparing three ticks.
 */
final class ChangeFlags {

    /** This tick. */
    byte[] changed = new byte[0];
    /** This tick and the one before. */
    byte[] changedLately = new byte[0];
    /** This tick and the three before: one rescan interval. */
    byte[] changedRecently = new byte[0];

    void mark(EntityTable table, int tick) {
        int capacity = table.capacity();
        if (changed.length < capacity) {
            changed = new byte[capacity];
            changedLately = new byte[capacity];
            changedRecently = new byte[capacity];
        }
        int[] positionTick = table.positionTicks();
        int[] hpTick = table.hpTicks();
        int[] stateTick = table.stateTicks();
        int since = tick - (InterestWorker.VISIBILITY_INTERVAL_TICKS - 1);
        for (int slot = 0, used = table.used(); slot < used; slot++) {
            int position = positionTick[slot];
            int hp = hpTick[slot];
            int state = stateTick[slot];
            changed[slot] = flags(position == tick, hp == tick, state == tick);
            changedLately[slot] = flags(position >= tick - 1, hp >= tick - 1, state >= tick - 1);
            changedRecently[slot] = flags(position >= since, hp >= since, state >= since);
        }
    }

    private static byte flags(boolean position, boolean hp, boolean state) {
        return (byte) ((position ? Snapshot.POSITION : 0) | (hp ? Snapshot.HP : 0) | (state ? Snapshot.STATE : 0));
    }
}
