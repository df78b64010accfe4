package com.mmorpg.gateway.connection;

import com.mmorpg.common.session.SessionRevoked;
import com.mmorpg.common.token.AccessTokenCodec.AccessToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an access token's session was revoked (logout, refresh-token reuse, session limit, ban):
 * auth-service remembers revocations in Redis for one access-token lifetime, so a token that is
 * still valid by its signature and expiry is refused at connect and at {@code reauth}. Live sockets
 * learn of revocations from {@link SessionNotices}. Without Redis a token is taken (it still runs
 * out within its lifetime); that is counted, and after a failed lookup none is tried for a few
 * seconds, so a Redis outage does not slow every handshake by the Redis timeout.
 */
@Component
class Revocations {

    private static final long PAUSE_AFTER_FAILURE_NANOS = 5_000_000_000L;

    private final StringRedisTemplate redis;
    private final MeterRegistry meters;
    private volatile long failedAtNanos;
    private volatile boolean failedOnce;

    Revocations(StringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
    }

    boolean isRevoked(AccessToken token) {
        if (failedOnce && System.nanoTime() - failedAtNanos < PAUSE_AFTER_FAILURE_NANOS) {
            meters.counter("gateway.revocations.lookup_skipped").increment();
            return false;
        }
        try {
            List<String> values = redis.opsForValue().multiGet(SessionRevoked.keysFor(token.userId(), token.sessionId()));
            return SessionRevoked.isRevoked(values, token.issuedAt());
        } catch (RuntimeException e) {
            failedAtNanos = System.nanoTime();
            failedOnce = true;
            meters.counter("gateway.revocations.lookup_failed").increment();
            return false;
        }
    }
}
