package com.mmorpg.common.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;

/**
 * UDP, once per tick per player: the player's own position (the origin), and the visible entities
 * that changed since the last snapshot (all of them on a periodic key frame). Positions are
 * quantized to a quarter pixel; an entry's position is sent relative to the origin as zigzag
 * varints, so anything in view costs 2 bytes per axis. Each entry says with a flag byte which
 * fields follow: a walking entity costs about 7 bytes. A snapshot never exceeds {@link #MAX_BYTES}:
 * the server splits a crowded view into several snapshots of the same tick.
 *
 * <p>Layout: varint tick, varint ack_seq, varint origin_qx, varint origin_qy, varint count, then per
 * entry: varint id, byte flags, [zigzag-varint qx - origin_qx, zigzag-varint qy - origin_qy if
 * flags &amp; POSITION], [varint hp if flags &amp; HP], [byte state if flags &amp; STATE].
 */
public final class Snapshot implements ServerMessage {

    /** Whole encoded message including Kryo's class id: fits one unfragmented UDP datagram. */
    public static final int MAX_BYTES = 1200;
    public static final int POSITION = 1;
    public static final int HP = 2;
    public static final int STATE = 4;
    public static final float UNITS_PER_PIXEL = 4f;
    /** Kryo's class id of a snapshot (1 byte) plus tick, ack_seq, origin and count at their widest. */
    static final int HEADER_BYTES = 1 + 5 + 5 + 5 + 5 + 2;
    private static final int MAX_ENTRIES = 1200;

    public int tick;
    public int ackSeq;
    /** The receiving player's own quantized position. */
    public int originQx;
    public int originQy;
    private int count;
    private int[] ids = new int[64];
    private byte[] flags = new byte[64];
    private int[] qx = new int[64];
    private int[] qy = new int[64];
    private int[] hp = new int[64];
    private byte[] state = new byte[64];
    private int payloadBytes;

    public Snapshot() {
    }

    public Snapshot(int tick, int ackSeq, int originQx, int originQy) {
        reset(tick, ackSeq, originQx, originQy);
    }

    /** Empties this snapshot for reuse (the server keeps one per sender; KryoNet encodes on send). */
    public void reset(int newTick, int newAckSeq, int newOriginQx, int newOriginQy) {
        tick = newTick;
        ackSeq = newAckSeq;
        originQx = newOriginQx;
        originQy = newOriginQy;
        count = 0;
        payloadBytes = 0;
    }

    /** Makes this snapshot an exact copy of {@code other} (handing a reused snapshot to another thread). */
    public void copyFrom(Snapshot other) {
        reset(other.tick, other.ackSeq, other.originQx, other.originQy);
        if (ids.length < other.count) {
            int capacity = other.ids.length;
            ids = new int[capacity];
            flags = new byte[capacity];
            qx = new int[capacity];
            qy = new int[capacity];
            hp = new int[capacity];
            state = new byte[capacity];
        }
        System.arraycopy(other.ids, 0, ids, 0, other.count);
        System.arraycopy(other.flags, 0, flags, 0, other.count);
        System.arraycopy(other.qx, 0, qx, 0, other.count);
        System.arraycopy(other.qy, 0, qy, 0, other.count);
        System.arraycopy(other.hp, 0, hp, 0, other.count);
        System.arraycopy(other.state, 0, state, 0, other.count);
        count = other.count;
        payloadBytes = other.payloadBytes;
    }

    public float originX() {
        return originQx / UNITS_PER_PIXEL;
    }

    public float originY() {
        return originQy / UNITS_PER_PIXEL;
    }

    public static int quantize(float pixels) {
        return Math.max(0, Math.round(pixels * UNITS_PER_PIXEL));
    }

    /** Bytes an entry adds to this snapshot (its position relative to the origin). */
    public int entryBytes(int id, int flags, int qx, int qy, int hp) {
        int bytes = varIntBytes(id) + 1;
        if ((flags & POSITION) != 0) {
            bytes += varIntBytes(zigzag(qx - originQx)) + varIntBytes(zigzag(qy - originQy));
        }
        if ((flags & HP) != 0) {
            bytes += varIntBytes(hp);
        }
        if ((flags & STATE) != 0) {
            bytes += 1;
        }
        return bytes;
    }

    /** Adds the entry if it still fits under {@link #MAX_BYTES}; false (and nothing added) otherwise. */
    public boolean tryAdd(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        int bytes = entryBytes(id, entryFlags, x, y, hitPoints);
        if (HEADER_BYTES + payloadBytes + bytes > MAX_BYTES) {
            return false;
        }
        append(id, entryFlags, x, y, hitPoints, entityState, bytes);
        return true;
    }

    /** Adds an entry whatever its size (decoding; tests). */
    public void add(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        append(id, entryFlags, x, y, hitPoints, entityState, entryBytes(id, entryFlags, x, y, hitPoints));
    }

    private void append(int id, int entryFlags, int x, int y, int hitPoints, byte entityState, int bytes) {
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
        payloadBytes += bytes;
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
        out.writeVarInt(originQx, true);
        out.writeVarInt(originQy, true);
        out.writeVarInt(count, true);
        for (int i = 0; i < count; i++) {
            out.writeVarInt(ids[i], true);
            out.writeByte(flags[i]);
            if ((flags[i] & POSITION) != 0) {
                out.writeVarInt(qx[i] - originQx, false);
                out.writeVarInt(qy[i] - originQy, false);
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
        reset(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true), in.readVarInt(true));
        int entries = Wire.readCount(in, MAX_ENTRIES, "entities");
        for (int i = 0; i < entries; i++) {
            int id = in.readVarInt(true);
            byte entryFlags = in.readByte();
            int x = 0;
            int y = 0;
            int hitPoints = 0;
            byte entityState = 0;
            if ((entryFlags & POSITION) != 0) {
                x = originQx + in.readVarInt(false);
                y = originQy + in.readVarInt(false);
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

    private static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    /** Bytes of an unsigned varint: 7 bits per byte (branch-free: this runs for every entry of every snapshot). */
    private static int varIntBytes(int value) {
        return (31 - Integer.numberOfLeadingZeros(value | 1)) / 7 + 1;
    }
}
