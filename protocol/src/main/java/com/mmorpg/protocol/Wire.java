package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;

/**
 * Bounded reads shared by the messages: hostile bytes fail with {@link ProtocolException}, and
 * nothing is allocated for a length before the length has been checked against the field's cap
 * and against the bytes that actually arrived.
 */
final class Wire {

    private Wire() {
    }

    /**
     * Reads a Kryo 2.24 string of at most {@code maxChars}. Kryo writes either ASCII (bytes up to
     * one with bit 7 set: bounded by the bytes present) or a length-prefixed UTF-8 string whose
     * declared length Kryo would allocate as a {@code char[]} before reading a single character.
     * That length is decoded here first and checked.
     */
    static String readString(Input in, int maxChars, String field) {
        int start = in.position();
        int first = in.readByte() & 0xff;
        if ((first & 0x80) != 0) {
            int declared = first & 0x3f;
            if ((first & 0x40) != 0) {
                int shift = 6;
                int b;
                do {
                    b = in.readByte() & 0xff;
                    declared |= (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0 && shift <= 27);
                if ((b & 0x80) != 0) {
                    throw new ProtocolException(field + " has a malformed length");
                }
            }
            int chars = declared - 1; // 0 is null, 1 the empty string
            if (declared < 0 || chars > maxChars) {
                throw new ProtocolException(field + " longer than " + maxChars + " characters");
            }
            if (chars > remaining(in)) {
                throw new ProtocolException(field + " declares more characters than the message holds");
            }
        }
        in.setPosition(start);
        String value = in.readString();
        if (value != null && value.length() > maxChars) {
            throw new ProtocolException(field + " longer than " + maxChars + " characters");
        }
        return value;
    }

    /** A count of items of at least {@code minBytesEach} bytes: bounded by {@code max} and by the bytes left. */
    static int readCount(Input in, int max, int minBytesEach, String field) {
        int count = in.readVarInt(true);
        if (count < 0 || count > max) {
            throw new ProtocolException(field + " count " + count + " outside 0.." + max);
        }
        if ((long) count * minBytesEach > remaining(in)) {
            throw new ProtocolException(field + " count " + count + " exceeds the message");
        }
        return count;
    }

    static float readFinite(Input in, String field) {
        float value = in.readFloat();
        if (!Float.isFinite(value)) {
            throw new ProtocolException(field + " is not a finite number");
        }
        return value;
    }

    /** Bytes left in the message: an {@link Input} over an array (or a KryoNet buffer) ends at its limit. */
    static int remaining(Input in) {
        return in.limit() - in.position();
    }
}
