package com.mmorpg.common.protocol;

import com.esotericsoftware.kryo.io.Input;

/** Bounded reads shared by the messages: hostile bytes fail with {@link ProtocolException}. */
final class Wire {

    private Wire() {
    }

    static String readString(Input in, int maxChars, String field) {
        String value = in.readString();
        if (value != null && value.length() > maxChars) {
            throw new ProtocolException(field + " longer than " + maxChars + " characters");
        }
        return value;
    }

    static int readCount(Input in, int max, String field) {
        int count = in.readVarInt(true);
        if (count < 0 || count > max) {
            throw new ProtocolException(field + " count " + count + " outside 0.." + max);
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
}
