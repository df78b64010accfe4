package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.protocol.GameError;
import java.util.regex.Pattern;

/** What a line of chat may be: 1 to {@code maxChars} characters after trimming, no control characters. */
final class ChatText {

    /**
     * Control characters (line breaks included) and the bidirectional overrides and isolates, which
     * would let one line reverse how the rest of a chat box reads.
     */
    private static final Pattern STRIPPED = Pattern.compile("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{3,16}");

    private ChatText() {
    }

    /** The line as it is sent on; INVALID_MESSAGE when nothing is left, CHAT_TOO_LONG over the limit. */
    static String clean(String text, int maxChars) throws GameError {
        if (text == null) {
            throw new GameError("INVALID_MESSAGE", "chat_send needs data.text (a string)");
        }
        String cleaned = STRIPPED.matcher(text).replaceAll("").strip();
        if (cleaned.isEmpty()) {
            throw new GameError("INVALID_MESSAGE", "The message is empty");
        }
        if (cleaned.codePointCount(0, cleaned.length()) > maxChars) {
            throw new GameError("CHAT_TOO_LONG", "A message is at most " + maxChars + " characters");
        }
        return cleaned;
    }

    /** A character name as characters are named (3-16 letters or digits); INVALID_MESSAGE otherwise. */
    static String name(String value, String event) throws GameError {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new GameError("INVALID_MESSAGE", event + " needs data.name (a character name)");
        }
        return value;
    }
}
