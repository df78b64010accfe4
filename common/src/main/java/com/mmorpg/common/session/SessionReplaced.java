package com.mmorpg.common.session;

import java.util.Optional;

/**
 * What world-directory tells a gateway over Redis pub/sub (channel {@link #channel}) when one of
 * its users' sessions moved to another gateway: that gateway drops the older connection at once
 * instead of at its next session refresh. {@code since} is the new session's start on the
 * directory's clock, so a gateway keeps a connection of the user that it announced later still.
 * Text form: {@code session_replaced <user_id> <by_gateway> <since_ms>} (ids never hold spaces).
 */
public record SessionReplaced(String userId, String byGateway, long since) {

    private static final String TYPE = "session_replaced";
    private static final String ID = "[A-Za-z0-9._:-]{1,64}";

    public SessionReplaced {
        if (!userId.matches(ID) || !byGateway.matches(ID)) {
            throw new IllegalArgumentException("user and gateway ids must match " + ID);
        }
    }

    /** The channel of one gateway's notices. */
    public static String channel(String gatewayId) {
        return "gateway:" + gatewayId;
    }

    public String encode() {
        return TYPE + " " + userId + " " + byGateway + " " + since;
    }

    /** The notice in {@code text}, or empty when it is not one (another type, malformed). */
    public static Optional<SessionReplaced> decode(String text) {
        String[] parts = text == null ? new String[0] : text.split(" ", -1);
        if (parts.length != 4 || !parts[0].equals(TYPE) || !parts[1].matches(ID) || !parts[2].matches(ID)
                || !parts[3].matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(new SessionReplaced(parts[1], parts[2], Long.parseLong(parts[3])));
    }
}
