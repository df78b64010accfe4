package com.mmorpg.common.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A revoked login session, as auth-service tells every gateway over Redis pub/sub (channel
 * {@link #CHANNEL}) and remembers in Redis for one access-token lifetime: a logout, a detected
 * refresh-token reuse or a session evicted by the per-account cap names one session
 * ({@code sid}, the refresh-token family that access tokens carry); an account ban names all of
 * a user's sessions ({@link #ALL_SESSIONS}), i.e. every token issued up to {@code at}.
 * Text form: {@code session_revoked <user_id> <session_id|*> <reason> <at_ms>}.
 */
public record SessionRevoked(String userId, String sessionId, String reason, long at) {

    public static final String CHANNEL = "sessions:revoked";
    public static final String ALL_SESSIONS = "*";

    private static final String TYPE = "session_revoked";
    private static final String ID = "[A-Za-z0-9._:-]{1,64}";
    private static final String REASON = "[a-z_]{1,32}";

    public SessionRevoked {
        if (!userId.matches(ID) || !(sessionId.equals(ALL_SESSIONS) || sessionId.matches(ID)) || !reason.matches(REASON)) {
            throw new IllegalArgumentException("ids must match " + ID + " and the reason " + REASON);
        }
    }

    /** The Redis key that marks one session revoked (its value is the reason). */
    public static String sessionKey(String sessionId) {
        return "revoked:session:" + sessionId;
    }

    /** The Redis key that holds when all of a user's sessions were revoked (epoch ms). */
    public static String userKey(String userId) {
        return "revoked:user:" + userId;
    }

    /** The keys whose values {@link #isRevoked} decides on, for a token of this user and session. */
    public static List<String> keysFor(String userId, String sessionId) {
        return List.of(sessionKey(sessionId == null ? "-" : sessionId), userKey(userId));
    }

    /**
     * Whether a token issued at {@code issuedAt} is revoked, given the values of {@link #keysFor}
     * (a null list or null values: nothing recorded).
     */
    public static boolean isRevoked(List<String> values, Instant issuedAt) {
        if (values == null || values.size() != 2) {
            return false;
        }
        if (values.get(0) != null) {
            return true;
        }
        String allUntil = values.get(1);
        return allUntil != null && allUntil.matches("[0-9]{1,18}") && !issuedAt.isAfter(Instant.ofEpochMilli(Long.parseLong(allUntil)));
    }

    /** Whether a connection of {@code user} holding a token of {@code session} issued at {@code issuedAt} is ended by this. */
    public boolean covers(String user, String session, Instant issuedAt) {
        if (!userId.equals(user)) {
            return false;
        }
        return sessionId.equals(ALL_SESSIONS) ? !issuedAt.isAfter(Instant.ofEpochMilli(at)) : sessionId.equals(session);
    }

    public String encode() {
        return TYPE + " " + userId + " " + sessionId + " " + reason + " " + at;
    }

    /** The notice in {@code text}, or empty when it is not one. */
    public static Optional<SessionRevoked> decode(String text) {
        String[] parts = text == null ? new String[0] : text.split(" ", -1);
        if (parts.length != 5 || !parts[0].equals(TYPE) || !parts[1].matches(ID)
                || !(parts[2].equals(ALL_SESSIONS) || parts[2].matches(ID)) || !parts[3].matches(REASON)
                || !parts[4].matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(new SessionRevoked(parts[1], parts[2], parts[3], Long.parseLong(parts[4])));
    }
}
