package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP: something a player does with an item. Slots are {@link InventoryUpdate}'s: 0-29 the bag, 100 +
 * {@code ItemType.Slot} ordinal what is worn. The server checks everything (range, ownership, space,
 * level, cooldown) and answers with an {@link InventoryUpdate}: the changed slots, or why nothing changed.
 *
 * <ul>
 * <li>{@link #PICK_UP}: {@code source} is the ground item's entity id; it goes to the first slot that takes it.</li>
 * <li>{@link #MOVE}: {@code source} to {@code target}: into an empty slot, onto a stack of the same type (as many
 *     as fit), else the two swap.</li>
 * <li>{@link #SPLIT}: {@code quantity} of the stack in {@code source} to the empty slot {@code target}.</li>
 * <li>{@link #DROP}: the whole stack in {@code source} onto the ground at the player's feet.</li>
 * <li>{@link #DESTROY}: the stack in {@code source} is gone for good.</li>
 * <li>{@link #USE}: one of the consumable in {@code source}.</li>
 * <li>{@link #EQUIP}: the item in bag slot {@code source} is worn; what was worn there goes to {@code source}.</li>
 * <li>{@link #UNEQUIP}: the item worn in {@code source} (100+) goes to bag slot {@code target}, or to the first
 *     free one when {@code target} is -1.</li>
 * <li>{@link #LIST}: send everything the player has, and keep telling it. A client that never sends an
 *     {@code ItemAction} or a {@link TradeAction} is never sent an {@link InventoryUpdate} or a {@link TradeUpdate}
 *     (nor asked to trade): clients built before items keep working against this server.</li>
 * </ul>
 */
public final class ItemAction implements ClientMessage {

    public static final byte PICK_UP = 0;
    public static final byte MOVE = 1;
    public static final byte SPLIT = 2;
    public static final byte DROP = 3;
    public static final byte DESTROY = 4;
    public static final byte USE = 5;
    public static final byte EQUIP = 6;
    public static final byte UNEQUIP = 7;
    public static final byte LIST = 8;
    static final byte LAST = LIST;

    public byte action;
    public int source;
    public int target;
    public int quantity;

    public ItemAction() {
    }

    public ItemAction(byte action, int source, int target, int quantity) {
        this.action = action;
        this.source = source;
        this.target = target;
        this.quantity = quantity;
    }

    @Override
    public void write(Output out) {
        out.writeByte(action);
        out.writeVarInt(source, true);
        out.writeVarInt(target, false);
        out.writeVarInt(quantity, true);
    }

    @Override
    public void read(Input in) {
        action = in.readByte();
        if (action < 0 || action > LAST) {
            throw new ProtocolException("unknown item action " + action);
        }
        source = in.readVarInt(true);
        target = in.readVarInt(false);
        quantity = in.readVarInt(true);
    }
}
