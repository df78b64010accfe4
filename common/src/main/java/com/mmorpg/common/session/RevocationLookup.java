package com.mmorpg.common.session;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Whether an access token's session was revoked, read from the keys auth-service keeps in Redis
 * ({@link SessionRevoked#keysFor}) through {@code multiGet} (Redis MGET). Without Redis a token is
 * taken (it still runs out within its lifetime): the failure is reported, and for a few seconds
 * afterwards no lookup is tried, so an outage does not slow every caller by the Redis timeout.
 */
public final class RevocationLookup {

    /** What {@code outcomes} is told. */
    public enum Outcome { FAILED, SKIPPED }

    private static final long PAUSE_AFTER_FAILURE_NANOS = 5_000_000_000L;

    private final Function<List<String>, List<String>> multiGet;
    private final Consumer<Outcome> outcomes;
    private volatile long failedAtNanos;
    private volatile boolean failed;

    /**
     * @param multiGet the values of the given keys, in order (null for a missing key); may throw
     * @param outcomes told of each failed and each skipped lookup (for metrics)
     */
    public RevocationLookup(Function<List<String>, List<String>> multiGet, Consumer<Outcome> outcomes) {
        this.multiGet = multiGet;
        this.outcomes = outcomes;
    }

    public boolean isRevoked(String userId, String sessionId, Instant issuedAt) {
        if (failed && System.nanoTime() - failedAtNanos < PAUSE_AFTER_FAILURE_NANOS) {
            outcomes.accept(Outcome.SKIPPED);
            return false;
        }
        try {
            List<String> values = multiGet.apply(SessionRevoked.keysFor(userId, sessionId));
            failed = false;
            return SessionRevoked.isRevoked(values, issuedAt);
        } catch (RuntimeException e) {
            failedAtNanos = System.nanoTime();
            failed = true;
            outcomes.accept(Outcome.FAILED);
            return false;
        }
    }
}
