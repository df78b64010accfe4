package com.mmorpg.common.internal;

import java.util.List;

/**
 * Items as auth-service stores them and map servers write them: every instance has a unique id (from
 * {@link #ID_BLOCK_PATH}), belongs to one character, and every change of owner or quantity is an
 * {@link Event} of the item ledger, written in the same transaction as the state it explains.
 */
public final class Items {

    /** A map server asks for a block of fresh item ids ({@code POST}). */
    public static final String ID_BLOCK_PATH = "/internal/items/ids";

    /** Why an item came, went or moved. */
    public static final String LOOT = "loot";
    public static final String GRANT = "grant";
    public static final String PICKUP = "pickup";
    public static final String DROP = "drop";
    public static final String TRADE = "trade";
    public static final String USE = "use";
    public static final String DESTROY = "destroy";
    public static final String SPLIT = "split";
    public static final String MERGE = "merge";
    public static final String REMOVE = "remove";
    public static final String DELETED = "deleted";
    public static final List<String> REASONS = List.of(LOOT, GRANT, PICKUP, DROP, TRADE, USE, DESTROY, SPLIT, MERGE, REMOVE,
            DELETED);

    private Items() {
    }

    /** One item a character has: 0-29 in the bag, 100 + n worn (weapon, head, body, feet). */
    public record Stored(long id, int typeId, int quantity, int slot) {
    }

    /**
     * {@code quantity} of item {@code itemId} went from character {@code from} to character {@code to};
     * {@code from} null: it came into being for {@code to} (loot, a grant, a split's new stack, picked up
     * from the ground); {@code to} null: it left the books (used, destroyed, dropped on the ground,
     * merged into another stack). {@code seq} numbers a character's events: auth-service applies each once.
     */
    public record Event(long seq, long itemId, int typeId, int quantity, String from, String to, String reason) {
    }

    /** A character's items as stored, and the last event seq applied to them. */
    public record Held(long seq, List<Stored> items) {

        public static final Held NONE = new Held(0, List.of());
    }

    /** Ids {@code first} to {@code first + count - 1} are this server's to give to new items. */
    public record Block(long first, int count) {
    }

    /** Who asks for a block. */
    public record BlockRequest(String serverId) {
    }
}
