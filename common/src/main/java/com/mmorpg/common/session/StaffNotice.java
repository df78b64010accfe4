package com.mmorpg.common.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What support staff tell every gateway over Redis pub/sub (channel {@link #CHANNEL}): close a user's
 * live socket with {@code KICKED}, or show every connected player an announcement. Text forms:
 * {@code kick <user_id>} and {@code announce <message as base64url>} (a message is one line, its
 * control characters removed, at most {@link #MAX_MESSAGE_CHARS} characters).
 */
public sealed interface StaffNotice {

    String CHANNEL = "staff:notices";
    int MAX_MESSAGE_CHARS = 500;

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

    String ID = "[A-Za-z0-9._:-]{1,64}";

    /** One line: control characters (line breaks included) become spaces; trimmed. */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** The notice in {@code text}, or empty when it is not one. */
    static Optional<StaffNotice> decode(String text) {
        if (text == null || text.length() > 4 * MAX_MESSAGE_CHARS) {
            return Optional.empty();
        }
        try {
            if (text.startsWith("kick ")) {
                return Optional.of(new Kick(text.substring(5)));
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
