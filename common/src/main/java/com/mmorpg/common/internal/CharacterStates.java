package com.mmorpg.common.internal;

import java.util.List;

/** A map server's write of a character it holds (auth-service, {@code PUT /characters/{id}/internal/state}). */
public final class CharacterStates {

    private CharacterStates() {
    }

    public static String characterPath(String characterId) {
        return "/characters/" + characterId + "/internal";
    }

    public static String statePath(String characterId) {
        return characterPath(characterId) + "/state";
    }

    /**
     * The state, the lease it is written under and the version the stay loaded and advanced;
     * {@code release} ends the stay in the same transaction (leave, gate, shutdown). {@code items}: every
     * item the character has now, with {@code itemEvents} the ledger events that lead there from what is
     * stored; both null when the items did not change (or the map server does not keep items).
     */
    public record Update(long mapId, CharacterRecord.Position position, int hp, int mp, int level, long exp, long version,
            long leaseId, boolean release, List<Items.Stored> items, List<Items.Event> itemEvents) {

        /** Without items: they did not change. */
        public Update(long mapId, CharacterRecord.Position position, int hp, int mp, int level, long exp, long version,
                long leaseId, boolean release) {
            this(mapId, position, hp, mp, level, exp, version, leaseId, release, null, null);
        }
    }

    /** The stored version, one higher than the one written. */
    public record Saved(String id, long version) {
    }

    /**
     * Two characters written in one transaction ({@code PUT}): a trade between them, each under its own lease.
     * Their item events may move items from one to the other ({@code trade}); every other rule of a state write
     * holds for each.
     */
    public static final String TRADE_PATH = "/internal/trades";

    /** One of the characters of a {@link Trade}. */
    public record Side(String characterId, Update state) {
    }

    /** A trade's write: both sides, stored together or not at all. */
    public record Trade(List<Side> sides) {
    }

    /** Both stored versions. */
    public record TradeSaved(List<Saved> saved) {
    }
}
