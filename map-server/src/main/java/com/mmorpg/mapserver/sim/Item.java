package com.mmorpg.mapserver.sim;

import com.mmorpg.content.ItemType;

/** One item instance a player has: its unique id (the database's), its type and how many are in the stack. */
final class Item {

    final long id;
    final ItemType type;
    int quantity;

    Item(long id, ItemType type, int quantity) {
        this.id = id;
        this.type = type;
        this.quantity = quantity;
    }

    /** How many more of its type the stack takes. */
    int room() {
        return type.stack() - quantity;
    }
}
