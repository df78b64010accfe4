package com.mmorpg.mapserver.interest;

import com.mmorpg.protocol.Snapshot;
import com.mmorpg.mapserver.sim.EntityTable;

/**
 * Writes a player's snapshot entries straight from the {@link EntityTable}'s arrays into wire bytes
 * ({@link Snapshot#writeEntry}), and hands the finished body to a {@link Snapshot}: the protocol
 * message knows nothing of the table's layout. Each entry is written once, without sizing it first
 * while the body is far from {@link Snapshot#MAX_ENTRIES_BYTES}; one worker owns one writer.
 */
final class SnapshotWriter {

    private final EntityTable table;
    /** Room for the limit plus one entry at its widest: an entry that overflows is written, then taken back. */
    private final byte[] body = new byte[Snapshot.MAX_ENTRIES_BYTES + Snapshot.MAX_ENTRY_BYTES];
    private int length;
    private int count;
    private int tick;
    private int ackSeq;
    private int originQx;
    private int originQy;

    SnapshotWriter(EntityTable table) {
        this.table = table;
    }

    /** Starts a snapshot of {@code tick} for a player at (originQx, originQy) acknowledging {@code ackSeq}. */
    void start(int newTick, int newAckSeq, int newOriginQx, int newOriginQy) {
        tick = newTick;
        ackSeq = newAckSeq;
        originQx = newOriginQx;
        originQy = newOriginQy;
        length = 0;
        count = 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds the entry of {@code slot} with {@code flags} if it fits; false (nothing added) when the snapshot is full. */
    boolean tryAdd(int slot, int flags) {
        int at = slot * EntityTable.STRIDE;
        int[] wire = table.wire();
        int end = Snapshot.writeEntry(body, length, originQx, originQy, wire[at + EntityTable.ID], flags,
                wire[at + EntityTable.QX], wire[at + EntityTable.QY], wire[at + EntityTable.HP], table.states()[slot]);
        if (end > Snapshot.MAX_ENTRIES_BYTES) {
            return false;
        }
        length = end;
        count++;
        return true;
    }

    /**
     * Adds, in order, the entry of {@code slots[k]} for each {@code k} from {@code from} to
     * {@code to} whose {@code flagsBySlot[slot]} is not 0 and {@code skip[k]} is false. Stops where
     * the next entry might not fit.
     *
     * @return the first {@code k} not looked at: {@code to} when all were added, otherwise the one to
     *         add next ({@link #tryAdd}, or into the next snapshot)
     */
    int addAll(int[] slots, boolean[] skip, int from, int to, byte[] flagsBySlot) {
        int[] wire = table.wire();
        byte[] states = table.states();
        byte[] b = body;
        int at = length;
        int added = 0;
        int last = Snapshot.MAX_ENTRIES_BYTES - Snapshot.MAX_ENTRY_BYTES; // any entry written from here on fits
        int baseX = originQx;
        int baseY = originQy;
        int k = from;
        for (; k < to && at <= last; k++) {
            int slot = slots[k];
            int flags = flagsBySlot[slot];
            if (flags == 0 || skip[k]) {
                continue;
            }
            int field = slot * EntityTable.STRIDE;
            at = Snapshot.writeEntry(b, at, baseX, baseY, wire[field + EntityTable.ID], flags, wire[field + EntityTable.QX],
                    wire[field + EntityTable.QY], wire[field + EntityTable.HP], states[slot]);
            added++;
        }
        length = at;
        count += added;
        return k;
    }

    /** Puts what was written since the last start or finish into {@code snapshot}; the next one starts empty with the same header. */
    Snapshot finish(Snapshot snapshot) {
        snapshot.reset(tick, ackSeq, originQx, originQy);
        snapshot.setEntries(count, body, length);
        length = 0;
        count = 0;
        return snapshot;
    }
}
