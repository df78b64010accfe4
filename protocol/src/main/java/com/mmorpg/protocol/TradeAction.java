package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP: a step of a trade between two players near each other on the same map server. The server answers
 * both traders with a {@link TradeUpdate}.
 *
 * <ul>
 * <li>{@link #REQUEST}: {@code target} is the other player's entity id.</li>
 * <li>{@link #ACCEPT}: {@code target} is the entity id of the player who asked.</li>
 * <li>{@link #OFFER} / {@link #WITHDRAW}: {@code target} is a bag slot whose whole stack is offered, or taken back;
 *     either unlocks both sides.</li>
 * <li>{@link #LOCK}: this side's offer is final; {@link #CONFIRM}: once both locked, this side agrees. When both
 *     confirmed, the server checks everything again and writes both characters in one transaction; the traders
 *     hear {@code done} only after that.</li>
 * <li>{@link #CANCEL}: ends the trade (declines a request).</li>
 * </ul>
 */
public final class TradeAction implements ClientMessage {

    public static final byte REQUEST = 0;
    public static final byte ACCEPT = 1;
    public static final byte OFFER = 2;
    public static final byte WITHDRAW = 3;
    public static final byte LOCK = 4;
    public static final byte CONFIRM = 5;
    public static final byte CANCEL = 6;
    static final byte LAST = CANCEL;

    public byte action;
    public int target;

    public TradeAction() {
    }

    public TradeAction(byte action, int target) {
        this.action = action;
        this.target = target;
    }

    @Override
    public void write(Output out) {
        out.writeByte(action);
        out.writeVarInt(target, true);
    }

    @Override
    public void read(Input in) {
        action = in.readByte();
        if (action < 0 || action > LAST) {
            throw new ProtocolException("unknown trade action " + action);
        }
        target = in.readVarInt(true);
    }
}
