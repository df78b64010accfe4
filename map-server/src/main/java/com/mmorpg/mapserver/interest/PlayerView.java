package com.mmorpg.mapserver.interest;

import com.mmorpg.mapserver.sim.EntityTable;
import java.util.Arrays;

/**
 * What one player's client has been shown: the entities in its view (by {@link EntityTable} slot,
 * as a list in tiers of update rate and as bits), and what its last snapshot carried. Written only by
 * the worker handling the player this tick; {@link #reset} is the one way to forget it all.
 */
final class PlayerView {

    /** Slots of the entities in view, near tier first (see {@link InterestWorker}). */
    int[] visible = new int[32];
    int visibleCount;
    /** {@link #visible} in tiers: the first {@code nearCount} every tick, up to {@code midCount} every other tick, the rest on each rescan. */
    int nearCount;
    int midCount;
    /**
     * The same set as bits by slot: "was it in view" is then one bit in a few hundred bytes that stay
     * in cache during the scan, instead of a random access into a table-wide array.
     */
    private long[] visibleBits = new long[0];
    /** Tick of the last snapshot sent (-1: none since the last reset): entities changed after it go into the next one. */
    int lastSnapshotTick = -1;
    /** The input sequence the last snapshot acknowledged (-1: none since the last reset). */
    int lastAckSent = -1;

    /** The visible set by slot, sized for a table of {@code slots} slots. */
    long[] visibleBits(int slots) {
        int words = (slots + 63) >>> 6;
        if (visibleBits.length < words) {
            visibleBits = Arrays.copyOf(visibleBits, words);
        }
        return visibleBits;
    }

    /** Whether the entity in {@code slot} is in view (as of the last rescan). */
    boolean tracks(int slot) {
        int word = slot >>> 6;
        return slot >= 0 && word < visibleBits.length && (visibleBits[word] & (1L << slot)) != 0;
    }

    /** Whether the entity with id {@code entityId} is in view (tests, diagnostics: a linear search). */
    boolean sees(int entityId, EntityTable table) {
        for (int i = 0; i < visibleCount; i++) {
            if (table.id(visible[i]) == entityId) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets everything the client was shown: the visible set in all its forms (list, tiers, bits),
     * the last snapshot and the last acknowledgement. The next rescan announces what is in view as new.
     */
    void reset() {
        visibleCount = 0;
        nearCount = 0;
        midCount = 0;
        Arrays.fill(visibleBits, 0);
        lastSnapshotTick = -1;
        lastAckSent = -1;
    }
}
