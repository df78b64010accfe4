package com.mmorpg.mapserver.sim;

/** An item as it is stored: its unique id, type, quantity and slot (0-29 the bag, 100 + n what is worn). */
public record SavedItem(long id, int typeId, int quantity, int slot) {
}
