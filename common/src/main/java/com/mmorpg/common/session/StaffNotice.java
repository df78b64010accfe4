package com.mmorpg.common.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What support staff tell every gateway over Redis pub/sub (channel {@link #CHANNEL}): close a user's
 * live socket with {@code KICKED}, show every connected player an announcement, or mute (unmute) a
 * user's chat now. Text forms: {@code kick <user_id>}, {@code announce <message as base64url>} (a
 * message is one line, its control characters removed, at most {@link #MAX_MESSAGE_CHARS}
 * characters, in any script) and {@code mute <user_id> <until: epoch ms, forever, or 0 for lifted>}.
 */
public sealed interface StaffNotice {

    String CHANNEL = "staff:notices";
    int MAX_MESSAGE_CHARS = 500;
    /**
     * The longest text a valid notice is: an announcement of {@link #MAX_MESSAGE_CHARS} UTF-16 chars,
     * each at most 3 bytes of UTF-8 (a surrogate pair is two chars and 4 bytes), as unpadded base64
     * after {@code "announce "}. Decoding refuses only what no valid notice can be (a 500-character
     * CJK announcement is 2,009 characters encoded).
     */
    int MAX_ENCODED_CHARS = "announce ".length() + (3 * MAX_MESSAGE_CHARS * 4 + 2) / 3;

    String encode();

    /** A user's live socket closes with {@code KICKED} (the player may log in again). */
    record Kick(String userId) implements StaffNotice {

        public Kick {
            if (userId == null || !userId.matches(ID)) {
                throw new IllegalArgumentException("user ids must match " + ID);
            }
        }

        @Override
        public String encode() {
            return "kick " + userId;
        }
    }

    /** Every connected player is shown {@code message}. */
    record Announcement(String message) implements StaffNotice {

        public Announcement {
            message = clean(message);
            if (message.isEmpty() || message.length() > MAX_MESSAGE_CHARS) {
                throw new IllegalArgumentException("an announcement is 1-" + MAX_MESSAGE_CHARS + " characters");
            }
        }

        @Override
        public String encode() {
            return "announce " + Base64.getUrlEncoder().withoutPadding().encodeToString(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A user's chat is muted until {@code mute.untilMillis()} (0: the mute was lifted). */
    record Mute(ChatMute mute) implements StaffNotice {

        @Override
        public String encode() {
            return "mute " + mute.userId() + " " + mute.value();
        }
    }

    String ID = "[A-Za-z0-9._:-]{1,64}";

    /** One line: control characters (line breaks included) become spaces; trimmed. */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** The notice in {@code text}, or empty when it is not one. */
    static Optional<StaffNotice> decode(String text) {
        if (text == null || text.length() > MAX_ENCODED_CHARS) {
            return Optional.empty();
        }
        try {
            if (text.startsWith("kick ")) {
                return Optional.of(new Kick(text.substring(5)));
            }
            if (text.startsWith("mute ")) {
                String[] parts = text.split(" ");
                if (parts.length != 3 || !parts[2].matches("forever|[0-9]{1,19}")) {
                    return Optional.empty();
                }
                return Optional.of(new Mute(new ChatMute(parts[1], ChatMute.until(parts[2]))));
            }
            if (text.startsWith("announce ")) {
                return Optional.of(new Announcement(new String(Base64.getUrlDecoder().decode(text.substring(9)),
                        StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
