package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP, to the player only: its inventory. {@link #full} on entering the world (every occupied slot; the
 * rest are empty), else the slots an action or a trade changed. A slot with quantity 0 is empty. Slots
 * 0-{@value #BAG_SLOTS_MINUS_ONE} are the bag, {@link #EQUIPMENT_FIRST} + n what is worn (weapon, head,
 * body, feet). {@link #refused}: why the last {@link ItemAction} changed nothing ({@code inventory_full},
 * {@code item_reserved}, {@code out_of_range}, {@code level_too_low}, {@code cooldown}...), else null.
 * Item ids are the instances' unique ids, the same in every save and trade.
 */
public final class InventoryUpdate implements ServerMessage {

    public static final int BAG_SLOTS = 30;
    static final int BAG_SLOTS_MINUS_ONE = BAG_SLOTS - 1;
    public static final int EQUIPMENT_FIRST = 100;
    public static final int EQUIPMENT_SLOTS = 4;
    static final int MAX_ENTRIES = 64;

    /** One slot as it is now. */
    public record Entry(int slot, long itemId, int typeId, int quantity) {
    }

    public boolean full;
    public final List<Entry> entries = new ArrayList<>();
    public String refused;

    public InventoryUpdate() {
    }

    public InventoryUpdate(boolean full, List<Entry> entries, String refused) {
        this.full = full;
        this.entries.addAll(entries);
        this.refused = refused;
    }

    /** An answer that changed nothing, and why. */
    public static InventoryUpdate refused(String reason) {
        return new InventoryUpdate(false, List.of(), reason);
    }

    @Override
    public void write(Output out) {
        out.writeBoolean(full);
        out.writeVarInt(entries.size(), true);
        for (Entry entry : entries) {
            out.writeVarInt(entry.slot(), true);
            out.writeVarLong(entry.itemId(), true);
            out.writeVarInt(entry.typeId(), true);
            out.writeVarInt(entry.quantity(), true);
        }
        out.writeString(refused);
    }

    @Override
    public void read(Input in) {
        full = in.readBoolean();
        int count = Wire.readCount(in, MAX_ENTRIES, 4, "entries");
        entries.clear();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(in.readVarInt(true), in.readVarLong(true), in.readVarInt(true), in.readVarInt(true)));
        }
        refused = Wire.readString(in, 64, "refused");
    }
}
