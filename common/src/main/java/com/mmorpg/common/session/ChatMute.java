package com.mmorpg.common.session;

/**
 * A player kept from chatting, as auth-service (support staff) writes it in Redis and every gateway
 * reads it: key {@link #key}, value {@link #value} (epoch ms of the end, or {@code forever}), expiring
 * at that end. {@code untilMillis} is {@link #FOREVER} for a mute without an end.
 */
public record ChatMute(String userId, long untilMillis) {

    public static final long FOREVER = Long.MAX_VALUE;
    private static final String FOREVER_TEXT = "forever";

    public ChatMute {
        if (userId == null || !userId.matches(StaffNotice.ID)) {
            throw new IllegalArgumentException("user ids must match " + StaffNotice.ID);
        }
    }

    public static String key(String userId) {
        return "chat:mute:" + userId;
    }

    public String key() {
        return key(userId);
    }

    public String value() {
        return untilMillis == FOREVER ? FOREVER_TEXT : String.valueOf(untilMillis);
    }

    public boolean forever() {
        return untilMillis == FOREVER;
    }

    /**
     * Until when a stored value mutes: 0 when there is none; a value nobody could have written
     * (typed by hand) mutes without an end, since silence is the safer reading.
     */
    public static long until(String stored) {
        if (stored == null || stored.isEmpty()) {
            return 0;
        }
        if (stored.equals(FOREVER_TEXT)) {
            return FOREVER;
        }
        try {
            return Long.parseLong(stored);
        } catch (NumberFormatException e) {
            return FOREVER;
        }
    }
}
