package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP, to each trader: the trade as it stands. {@link #state}: {@link #ASKED} (this player asked, the other
 * has not answered), {@link #INVITED} (the other asked this player), {@link #OPEN}, {@link #COMMITTING}
 * (both confirmed; being written), {@link #DONE} (written: the items moved; an {@link InventoryUpdate}
 * follows) or {@link #CANCELLED} ({@link #reason}: {@code cancelled}, {@code moved_away}, {@code died},
 * {@code left}, {@code session_replaced}, {@code item_changed}, {@code no_space}, {@code timed_out},
 * {@code save_failed}, {@code nothing_offered}...). Offers are the stacks each side puts up, by the offering side's bag slot.
 */
public final class TradeUpdate implements ServerMessage {

    public static final byte ASKED = 0;
    public static final byte INVITED = 1;
    public static final byte OPEN = 2;
    public static final byte COMMITTING = 3;
    public static final byte DONE = 4;
    public static final byte CANCELLED = 5;
    /** The most stacks one side may offer. */
    public static final int MAX_OFFER = 8;

    public int tradeId;
    public byte state;
    public int partnerId;
    public String partnerName;
    public final List<InventoryUpdate.Entry> mine = new ArrayList<>();
    public final List<InventoryUpdate.Entry> theirs = new ArrayList<>();
    public boolean mineLocked;
    public boolean theirsLocked;
    public boolean mineConfirmed;
    public boolean theirsConfirmed;
    public String reason;

    @Override
    public void write(Output out) {
        out.writeVarInt(tradeId, true);
        out.writeByte(state);
        out.writeVarInt(partnerId, true);
        out.writeString(partnerName);
        writeOffer(out, mine);
        writeOffer(out, theirs);
        out.writeByte((mineLocked ? 1 : 0) | (theirsLocked ? 2 : 0) | (mineConfirmed ? 4 : 0) | (theirsConfirmed ? 8 : 0));
        out.writeString(reason);
    }

    @Override
    public void read(Input in) {
        tradeId = in.readVarInt(true);
        state = in.readByte();
        partnerId = in.readVarInt(true);
        partnerName = Wire.readString(in, 64, "partner_name");
        readOffer(in, mine, "mine");
        readOffer(in, theirs, "theirs");
        int flags = in.readByte();
        mineLocked = (flags & 1) != 0;
        theirsLocked = (flags & 2) != 0;
        mineConfirmed = (flags & 4) != 0;
        theirsConfirmed = (flags & 8) != 0;
        reason = Wire.readString(in, 64, "reason");
    }

    private static void writeOffer(Output out, List<InventoryUpdate.Entry> offer) {
        out.writeVarInt(offer.size(), true);
        for (InventoryUpdate.Entry entry : offer) {
            out.writeVarInt(entry.slot(), true);
            out.writeVarLong(entry.itemId(), true);
            out.writeVarInt(entry.typeId(), true);
            out.writeVarInt(entry.quantity(), true);
        }
    }

    private static void readOffer(Input in, List<InventoryUpdate.Entry> offer, String field) {
        int count = Wire.readCount(in, MAX_OFFER, 4, field);
        offer.clear();
        for (int i = 0; i < count; i++) {
            offer.add(new InventoryUpdate.Entry(in.readVarInt(true), in.readVarLong(true), in.readVarInt(true), in.readVarInt(true)));
        }
    }
}
