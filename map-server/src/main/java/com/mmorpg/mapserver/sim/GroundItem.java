package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.content.ItemType;

/**
 * An item lying on the ground: loot of a kill (reserved for its killer and the killer's party for a while) or a stack a player
 * dropped. It is not in anyone's books: a drop left them when it was saved, and loot enters them when it
 * is picked up ({@code itemId} 0 until then: a new item gets its id in the inventory). Gone after its time.
 */
final class GroundItem extends Entity {

    final ItemType type;
    final int quantity;
    /** The dropped item's id, kept when it is picked up again; 0 for loot. */
    final long itemId;
    /** The character it is reserved for, or null. */
    final String reservedFor;
    /** The killer's party when it fell, or null: its members may take it too. */
    final String reservedParty;
    final int reservedUntilTick;
    final int expiresAtTick;

    GroundItem(int id, ItemType type, int quantity, long itemId, float x, float y, String reservedFor, String reservedParty,
            int reservedUntilTick, int expiresAtTick) {
        super(id, type.name(), x, y);
        this.type = type;
        this.quantity = quantity;
        this.itemId = itemId;
        this.reservedFor = reservedFor;
        this.reservedParty = reservedParty;
        this.reservedUntilTick = reservedUntilTick;
        this.expiresAtTick = expiresAtTick;
        this.level = quantity;
    }

    /** Whether {@code player} may take it at {@code tick}. */
    boolean takeableBy(Player player, int tick) {
        return reservedFor == null || tick >= reservedUntilTick || reservedFor.equals(player.characterId)
                || reservedParty != null && reservedParty.equals(player.partyId);
    }

    /** Loot enters the books when it is picked up; a dropped item comes back onto them. */
    boolean isLoot() {
        return itemId == 0;
    }

    @Override
    public byte kind() {
        return EntityEntered.KIND_ITEM;
    }

    @Override
    public int typeId() {
        return type.id();
    }
}
