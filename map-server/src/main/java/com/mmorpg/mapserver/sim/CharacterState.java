package com.mmorpg.mapserver.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What is written back to auth-service: where a character is and how it is doing, under the lease
 * its session holds ({@code leaseId}, 0 when none) and the version that session loaded;
 * {@code release} ends the stay (leave, gate, handover, shutdown) and frees the lease with the write.
 * {@code items}: every item it has, when they changed since the state before (else null), with the
 * ledger {@code events} that lead there.
 */
public record CharacterState(String characterId, long leaseId, int mapId, float x, float y, int hp, int mp, int level,
        long exp, long version, boolean release, List<SavedItem> items, List<ItemEvent> events) {

    /** Without item changes. */
    public CharacterState(String characterId, long leaseId, int mapId, float x, float y, int hp, int mp, int level, long exp,
            long version, boolean release) {
        this(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, release, null, List.of());
    }

    /** The same state, written as the last one of the stay. */
    public CharacterState released() {
        return new CharacterState(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, true, items, events);
    }

    /**
     * This state with {@code older}'s item changes under it, for a write that replaces an unsent older one:
     * the newest items known, and every event of both in order.
     */
    public CharacterState after(CharacterState older) {
        if (older.events.isEmpty() && (items != null || older.items == null)) {
            return this;
        }
        List<ItemEvent> all = new ArrayList<>(older.events.size() + events.size());
        all.addAll(older.events);
        all.addAll(events);
        return new CharacterState(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, release,
                items != null ? items : older.items, List.copyOf(all));
    }

    /** The same state without the events up to {@code seq} (stored already). */
    public CharacterState withoutEventsUpTo(long seq) {
        if (events.isEmpty() || events.getFirst().seq() > seq) {
            return this;
        }
        return new CharacterState(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, release, items,
                events.stream().filter(event -> event.seq() > seq).toList());
    }

    /** The highest event seq this state carries, or 0. */
    public long lastEventSeq() {
        return events.isEmpty() ? 0 : events.getLast().seq();
    }

    /** Whether {@code other} stores exactly what this does (periodic saves skip unchanged characters). */
    boolean sameProgress(CharacterState other) {
        return other != null && items == null && events.isEmpty() && other.mapId == mapId && other.x == x && other.y == y
                && other.hp == hp && other.mp == mp && other.level == level && other.exp == exp;
    }
}
