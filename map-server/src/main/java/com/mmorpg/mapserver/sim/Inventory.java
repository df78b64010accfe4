package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import java.util.ArrayList;
import java.util.List;

/**
 * A player's items: {@link #BAG_SLOTS} bag slots holding stacks, and one worn item per equipment slot
 * (slot {@link #WORN_FIRST} + {@code ItemType.Slot} ordinal). Only where things are; what a change means
 * for the books is {@link ItemSystem}'s. Tick thread only.
 */
final class Inventory {

    static final int BAG_SLOTS = InventoryUpdate.BAG_SLOTS;
    static final int WORN_FIRST = InventoryUpdate.EQUIPMENT_FIRST;
    private static final int WORN_SLOTS = ItemType.Slot.values().length;

    private final Item[] bag = new Item[BAG_SLOTS];
    private final Item[] worn = new Item[WORN_SLOTS];

    /** Fills the inventory from what was stored; items of types the content no longer has are left out (and counted). */
    int load(List<SavedItem> items, ItemCatalog catalog) {
        int unknown = 0;
        for (SavedItem saved : items) {
            ItemType type = catalog.byId(saved.typeId()).orElse(null);
            if (type == null || !isSlot(saved.slot()) || at(saved.slot()) != null) {
                unknown++;
                continue;
            }
            put(saved.slot(), new Item(saved.id(), type, saved.quantity()));
        }
        return unknown;
    }

    static boolean isBagSlot(int slot) {
        return slot >= 0 && slot < BAG_SLOTS;
    }

    static boolean isWornSlot(int slot) {
        return slot >= WORN_FIRST && slot < WORN_FIRST + WORN_SLOTS;
    }

    static boolean isSlot(int slot) {
        return isBagSlot(slot) || isWornSlot(slot);
    }

    /** Where an item of {@code type} is worn. */
    static int wornSlotOf(ItemType type) {
        return WORN_FIRST + type.slot().ordinal();
    }

    /** The item in {@code slot}, or null (empty or no such slot). */
    Item at(int slot) {
        if (isBagSlot(slot)) {
            return bag[slot];
        }
        return isWornSlot(slot) ? worn[slot - WORN_FIRST] : null;
    }

    void put(int slot, Item item) {
        if (isBagSlot(slot)) {
            bag[slot] = item;
        } else if (isWornSlot(slot)) {
            worn[slot - WORN_FIRST] = item;
        } else {
            throw new IllegalArgumentException("slot " + slot);
        }
    }

    /** The first empty bag slot, or -1. */
    int firstFree() {
        for (int i = 0; i < BAG_SLOTS; i++) {
            if (bag[i] == null) {
                return i;
            }
        }
        return -1;
    }

    /** Empty bag slots. */
    int freeSlots() {
        int free = 0;
        for (Item item : bag) {
            free += item == null ? 1 : 0;
        }
        return free;
    }

    /** How many of {@code type} fit into the stacks already in the bag. */
    int roomInStacks(ItemType type) {
        int room = 0;
        for (Item item : bag) {
            if (item != null && item.type == type) {
                room += item.room();
            }
        }
        return room;
    }

    /** The bag slots of stacks of {@code type} with room, in slot order. */
    List<Integer> stacksWithRoom(ItemType type) {
        List<Integer> slots = new ArrayList<>(2);
        for (int i = 0; i < BAG_SLOTS; i++) {
            if (bag[i] != null && bag[i].type == type && bag[i].room() > 0) {
                slots.add(i);
            }
        }
        return slots;
    }

    /** Whether the player has item {@code id} anywhere. */
    boolean holds(long id) {
        for (Item item : bag) {
            if (item != null && item.id == id) {
                return true;
            }
        }
        for (Item item : worn) {
            if (item != null && item.id == id) {
                return true;
            }
        }
        return false;
    }

    int gearAttack() {
        int attack = 0;
        for (Item item : worn) {
            attack += item == null ? 0 : item.type.attack();
        }
        return attack;
    }

    int gearDefense() {
        int defense = 0;
        for (Item item : worn) {
            defense += item == null ? 0 : item.type.defense();
        }
        return defense;
    }

    /** Every item with its slot, as it is stored. */
    List<SavedItem> saved() {
        List<SavedItem> items = new ArrayList<>();
        forEach((slot, item) -> items.add(new SavedItem(item.id, item.type.id(), item.quantity, slot)));
        return items;
    }

    /** Every occupied slot, as the client is told on entry. */
    List<InventoryUpdate.Entry> entries() {
        List<InventoryUpdate.Entry> entries = new ArrayList<>();
        forEach((slot, item) -> entries.add(entry(slot)));
        return entries;
    }

    /** {@code slot} as it is now (quantity 0 when empty). */
    InventoryUpdate.Entry entry(int slot) {
        Item item = at(slot);
        return item == null ? new InventoryUpdate.Entry(slot, 0, 0, 0)
                : new InventoryUpdate.Entry(slot, item.id, item.type.id(), item.quantity);
    }

    private interface SlotVisitor {
        void visit(int slot, Item item);
    }

    private void forEach(SlotVisitor visitor) {
        for (int i = 0; i < BAG_SLOTS; i++) {
            if (bag[i] != null) {
                visitor.visit(i, bag[i]);
            }
        }
        for (int i = 0; i < WORN_SLOTS; i++) {
            if (worn[i] != null) {
                visitor.visit(WORN_FIRST + i, worn[i]);
            }
        }
    }
}
