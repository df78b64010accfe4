package com.mmorpg.protocol;

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
 * <p>Entries are held in one of two forms, each derived from the other only when asked for: encoded
 * (the wire bytes of the entries, as the server builds them: adding an entry writes its bytes once,
 * and sending copies them) or decoded (one array per field, as a client reads them).
 *
 * <p>Layout: varint tick, varint ack_seq, varint origin_qx, varint origin_qy, varint count, then per
 * entry: varint id, byte flags, [zigzag-varint qx - origin_qx, zigzag-varint qy - origin_qy if
 * flags &amp; POSITION], [varint hp if flags &amp; HP], [byte state if flags &amp; STATE].
 *
 * <p>Why one class of this size: the encoded and the decoded form are two views of the same bytes, and
 * the layout above must be written and read in one place, so a change to one side cannot miss the other.
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
    /** Bytes the entries of one snapshot may take: what is left of {@link #MAX_BYTES} beside the widest header. */
    public static final int MAX_ENTRIES_BYTES = MAX_BYTES - HEADER_BYTES;
    /** An entry at its widest: id, flags, two positions, hp, state. */
    public static final int MAX_ENTRY_BYTES = 5 + 1 + 5 + 5 + 5 + 1;
    private static final int MAX_ENTRIES = 1200;

    public int tick;
    public int ackSeq;
    /** The receiving player's own quantized position. */
    public int originQx;
    public int originQy;
    private int count;
    /** The entries' wire bytes; valid when {@link #encoded}. */
    private byte[] body = new byte[0];
    private int bodyLength;
    private boolean encoded = true;
    /** The entries field by field; valid when {@link #decoded}. */
    private int[] ids = new int[0];
    private byte[] flags = new byte[0];
    private int[] qx = new int[0];
    private int[] qy = new int[0];
    private int[] hp = new int[0];
    private byte[] state = new byte[0];
    private boolean decoded = true;

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
        bodyLength = 0;
        encoded = true;
        decoded = true;
    }

    /** Makes this snapshot an exact copy of {@code other} (handing a reused snapshot to another thread). */
    public void copyFrom(Snapshot other) {
        other.encode();
        reset(other.tick, other.ackSeq, other.originQx, other.originQy);
        if (body.length < other.bodyLength) {
            body = new byte[other.body.length];
        }
        System.arraycopy(other.body, 0, body, 0, other.bodyLength);
        bodyLength = other.bodyLength;
        count = other.count;
        decoded = count == 0;
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

    /**
     * Adds the entry if it still fits under {@link #MAX_BYTES}; false (and nothing added) otherwise.
     * This runs for every entry of every snapshot the server sends: away from the limit it writes
     * the entry's bytes without sizing it first.
     */
    public boolean tryAdd(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        encode();
        if (HEADER_BYTES + bodyLength + MAX_ENTRY_BYTES > MAX_BYTES
                && HEADER_BYTES + bodyLength + entryBytes(id, entryFlags, x, y, hitPoints) > MAX_BYTES) {
            return false;
        }
        ensureRoom();
        append(id, entryFlags, x, y, hitPoints, entityState);
        return true;
    }

    /**
     * Sets the entries from their wire bytes (copied): {@code entryCount} entries written by
     * {@link #writeEntry} against this snapshot's origin. How a server gathers them is its own
     * business; this class only carries them.
     */
    public void setEntries(int entryCount, byte[] bytes, int length) {
        if (entryCount < 0 || length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("entries " + entryCount + ", bytes " + length + " of " + bytes.length);
        }
        if (body.length < length) {
            body = new byte[Math.max(length, MAX_BYTES)];
        }
        System.arraycopy(bytes, 0, body, 0, length);
        bodyLength = length;
        count = entryCount;
        encoded = true;
        decoded = entryCount == 0;
    }

    /** Adds an entry whatever its size (decoding; tests). */
    public void add(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        encode();
        ensureRoom();
        append(id, entryFlags, x, y, hitPoints, entityState);
    }

    private void ensureRoom() {
        if (body.length - bodyLength < MAX_ENTRY_BYTES) {
            body = Arrays.copyOf(body, Math.max(MAX_BYTES + MAX_ENTRY_BYTES, body.length * 2));
        }
    }

    private void append(int id, int entryFlags, int x, int y, int hitPoints, byte entityState) {
        bodyLength = writeEntry(body, bodyLength, originQx, originQy, id, entryFlags, x, y, hitPoints, entityState);
        count++;
        decoded = false;
    }

    /**
     * Writes one entry's wire bytes at {@code at} (position relative to the origin), needing at most
     * {@link #MAX_ENTRY_BYTES}; returns the index after it. The one place an entry is encoded.
     */
    public static int writeEntry(byte[] b, int at, int originQx, int originQy, int id, int entryFlags, int x, int y,
            int hitPoints, byte entityState) {
        at = putVarInt(b, at, id);
        b[at++] = (byte) entryFlags;
        if ((entryFlags & POSITION) != 0) {
            at = putVarInt(b, at, zigzag(x - originQx));
            at = putVarInt(b, at, zigzag(y - originQy));
        }
        if ((entryFlags & HP) != 0) {
            at = putVarInt(b, at, hitPoints);
        }
        if ((entryFlags & STATE) != 0) {
            b[at++] = entityState;
        }
        return at;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Bytes of the entries on the wire (what the limit counts beside the header). */
    public int entriesBytes() {
        encode();
        return bodyLength;
    }

    public int id(int i) {
        decode();
        return ids[i];
    }

    public int flags(int i) {
        decode();
        return flags[i];
    }

    public boolean has(int i, int flag) {
        return (flags(i) & flag) != 0;
    }

    public float x(int i) {
        decode();
        return qx[i] / UNITS_PER_PIXEL;
    }

    public float y(int i) {
        decode();
        return qy[i] / UNITS_PER_PIXEL;
    }

    public int hp(int i) {
        decode();
        return hp[i];
    }

    public byte state(int i) {
        decode();
        return state[i];
    }

    @Override
    public void write(Output out) {
        encode();
        out.writeVarInt(tick, true);
        out.writeVarInt(ackSeq, true);
        out.writeVarInt(originQx, true);
        out.writeVarInt(originQy, true);
        out.writeVarInt(count, true);
        out.writeBytes(body, 0, bodyLength);
    }

    @Override
    public void read(Input in) {
        reset(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true), in.readVarInt(true));
        int entries = Wire.readCount(in, MAX_ENTRIES, 2, "entities");
        ensureDecodedCapacity(entries);
        for (int i = 0; i < entries; i++) {
            ids[i] = in.readVarInt(true);
            byte entryFlags = in.readByte();
            flags[i] = entryFlags;
            qx[i] = (entryFlags & POSITION) != 0 ? originQx + in.readVarInt(false) : 0;
            qy[i] = (entryFlags & POSITION) != 0 ? originQy + in.readVarInt(false) : 0;
            hp[i] = (entryFlags & HP) != 0 ? in.readVarInt(true) : 0;
            state[i] = (entryFlags & STATE) != 0 ? in.readByte() : 0;
        }
        count = entries;
        encoded = false;
    }

    /** Derives the encoded form from the decoded one. */
    private void encode() {
        if (encoded) {
            return;
        }
        int entries = count;
        count = 0;
        bodyLength = 0;
        encoded = true;
        for (int i = 0; i < entries; i++) {
            add(ids[i], flags[i], qx[i], qy[i], hp[i], state[i]);
        }
        decoded = true;
    }

    /** Derives the decoded form from the encoded one. */
    private void decode() {
        if (decoded) {
            return;
        }
        ensureDecodedCapacity(count);
        byte[] b = body;
        int at = 0;
        for (int i = 0; i < count; i++) {
            long next = getVarInt(b, at);
            ids[i] = (int) next;
            at = (int) (next >>> 32);
            byte entryFlags = b[at++];
            flags[i] = entryFlags;
            qx[i] = 0;
            qy[i] = 0;
            hp[i] = 0;
            state[i] = 0;
            if ((entryFlags & POSITION) != 0) {
                next = getVarInt(b, at);
                qx[i] = originQx + unzigzag((int) next);
                next = getVarInt(b, (int) (next >>> 32));
                qy[i] = originQy + unzigzag((int) next);
                at = (int) (next >>> 32);
            }
            if ((entryFlags & HP) != 0) {
                next = getVarInt(b, at);
                hp[i] = (int) next;
                at = (int) (next >>> 32);
            }
            if ((entryFlags & STATE) != 0) {
                state[i] = b[at++];
            }
        }
        decoded = true;
    }

    private void ensureDecodedCapacity(int entries) {
        if (ids.length < entries) {
            int capacity = Math.max(entries, 16);
            ids = new int[capacity];
            flags = new byte[capacity];
            qx = new int[capacity];
            qy = new int[capacity];
            hp = new int[capacity];
            state = new byte[capacity];
        }
    }

    /** Writes {@code value} as an unsigned varint (Kryo's layout) at {@code at}; returns the next index. */
    private static int putVarInt(byte[] b, int at, int value) {
        while ((value & ~0x7F) != 0) {
            b[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[at++] = (byte) value;
        return at;
    }

    /** Reads an unsigned varint at {@code at}: the value in the low 32 bits, the next index in the high. */
    private static long getVarInt(byte[] b, int at) {
        int value = 0;
        int shift = 0;
        byte current;
        do {
            current = b[at++];
            value |= (current & 0x7F) << shift;
            shift += 7;
        } while (current < 0);
        return ((long) at << 32) | (value & 0xFFFFFFFFL);
    }

    private static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static int unzigzag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Bytes of an unsigned varint: 7 bits per byte (branch-free). */
    private static int varIntBytes(int value) {
        return (31 - Integer.numberOfLeadingZeros(value | 1)) / 7 + 1;
    }
}
