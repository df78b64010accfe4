package com.mmorpg.common.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;

/**
 * UDP, once per tick per player: the visible entities that changed since the last snapshot (and
 * all of them on a periodic key frame). Positions are quantized to a quarter pixel and sent as
 * varints; each entry says with a flag byte which fields follow, so a walking entity costs about
 * 7 bytes. A snapshot never exceeds {@link #MAX_BYTES}: the server splits a crowded view into
 * several snapshots of the same tick.
 *
 * <p>Layout: varint tick, varint ack_seq, varint count, then per entry: varint id, byte flags,
 * [varint qx, varint qy if flags &amp; POSITION], [varint hp if flags &amp; HP], [byte state if flags &amp; STATE].
 */
public final class Snapshot implements ServerMessage {

    /** Whole encoded message including Kryo's class id: fits one unfragmented UDP datagram. */
    public static final int MAX_BYTES = 1200;
    public static final int POSITION = 1;
    public static final int HP = 2;
    public static final int STATE = 4;
    public static final float UNITS_PER_PIXEL = 4f;
    /** Kryo's class id of a snapshot (2 bytes) plus tick, ack_seq and count at their widest. */
    static final int HEADER_BYTES = 2 + 5 + 5 + 2;
    private static final int MAX_ENTRIES = 1200;

    public int tick;
    public int ackSeq;
    private int count;
    private int[] ids = new int[16];
    private byte[] flags = new byte[16];
    private int[] qx = new int[16];
    private int[] qy = new int[16];
    private int[] hp = new int[16];
    private byte[] state = new byte[16];
    private int payloadBytes;

    public Snapshot() {
    }

    public Snapshot(int tick, int ackSeq) {
        this.tick = tick;
        this.ackSeq = ackSeq;
    }

    public static int quantize(float pixels) {
        return Math.max(0, Math.round(pixels * UNITS_PER_PIXEL));
    }

    /** Bytes an entry adds to the encoded snapshot. */
    public static int entryBytes(int id, int flags, int qx, int qy, int hp) {
        int bytes = varIntBytes(id) + 1;
        if ((flags & POSITION) != 0) {
            bytes += varIntBytes(qx) + varIntBytes(qy);
        }
        if ((flags & HP) != 0) {
            bytes += varIntBytes(hp);
        }
        if ((flags & STATE) != 0) {
            bytes += 1;
        }
        return bytes;
    }

    /** True when an entry of {@code entryBytes} still fits under {@link #MAX_BYTES}. */
    public boolean fits(int entryBytes) {
        return HEADER_BYTES + payloadBytes + entryBytes <= MAX_BYTES;
    }

    public void add(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        if (count == ids.length) {
            int capacity = count * 2;
            ids = Arrays.copyOf(ids, capacity);
            flags = Arrays.copyOf(flags, capacity);
            qx = Arrays.copyOf(qx, capacity);
            qy = Arrays.copyOf(qy, capacity);
            hp = Arrays.copyOf(hp, capacity);
            state = Arrays.copyOf(state, capacity);
        }
        ids[count] = id;
        flags[count] = (byte) entryFlags;
        qx[count] = x;
        qy[count] = y;
        hp[count] = hitPoints;
        state[count] = entityState;
        payloadBytes += entryBytes(id, entryFlags, x, y, hitPoints);
        count++;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int id(int i) {
        return ids[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    public boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    public float x(int i) {
        return qx[i] / UNITS_PER_PIXEL;
    }

    public float y(int i) {
        return qy[i] / UNITS_PER_PIXEL;
    }

    public int hp(int i) {
        return hp[i];
    }

    public byte state(int i) {
        return state[i];
    }

    @Override
    public void write(Output out) {
        out.writeVarInt(tick, true);
        out.writeVarInt(ackSeq, true);
        out.writeVarInt(count, true);
        for (int i = 0; i < count; i++) {
            out.writeVarInt(ids[i], true);
            out.writeByte(flags[i]);
            if ((flags[i] & POSITION) != 0) {
                out.writeVarInt(qx[i], true);
                out.writeVarInt(qy[i], true);
            }
            if ((flags[i] & HP) != 0) {
                out.writeVarInt(hp[i], true);
            }
            if ((flags[i] & STATE) != 0) {
                out.writeByte(state[i]);
            }
        }
    }

    @Override
    public void read(Input in) {
        tick = in.readVarInt(true);
        ackSeq = in.readVarInt(true);
        int entries = Wire.readCount(in, MAX_ENTRIES, "entities");
        count = 0;
        payloadBytes = 0;
        for (int i = 0; i < entries; i++) {
            int id = in.readVarInt(true);
            byte entryFlags = in.readByte();
            int x = 0;
            int y = 0;
            int hitPoints = 0;
            byte entityState = 0;
            if ((entryFlags & POSITION) != 0) {
                x = in.readVarInt(true);
                y = in.readVarInt(true);
            }
            if ((entryFlags & HP) != 0) {
                hitPoints = in.readVarInt(true);
            }
            if ((entryFlags & STATE) != 0) {
                entityState = in.readByte();
            }
            add(id, entryFlags, x, y, hitPoints, entityState);
        }
    }

    private static int varIntBytes(int value) {
        if ((value >>> 7) == 0) {
            return 1;
        }
        if ((value >>> 14) == 0) {
            return 2;
        }
        if ((value >>> 21) == 0) {
            return 3;
        }
        if ((value >>> 28) == 0) {
            return 4;
        }
        return 5;
    }
}
