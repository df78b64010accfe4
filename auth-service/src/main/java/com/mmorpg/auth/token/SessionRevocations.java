package com.mmorpg.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mmorpg.common.session.RevocationLookup;
import com.mmorpg.common.session.SessionRevoked;
import com.mmorpg.common.token.AccessTokenCodec.AccessToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a revoked session end everywhere, not only at its next refresh: the revocation is
 * remembered in Redis for one access-token lifetime (so a still-valid access token of it is refused
 * by every gateway and by this service) and announced on {@link SessionRevoked#CHANNEL}, where every
 * gateway closes the user's live sockets of that session within a second. Both happen after the
 * database commit that revoked the refresh tokens. Without Redis the database revocation still
 * stands (no refresh), and live access tokens run out within their lifetime; that is counted.
 */
@Component
public class SessionRevocations {

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    /** The {@link #revokeAll} reason of a ban. */
    public static final String BAN = "ban";

    private final StringRedisTemplate redis;
    private final Duration remember;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final RevocationLookup lookup;
    private final ApplicationEventPublisher events;
    /** Recent lookups, so a client's burst of requests costs one Redis read a second. */
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(1)).build();

    SessionRevocations(StringRedisTemplate redis, TokenProperties tokens, MeterRegistry meters, ApplicationEventPublisher events) {
        this.redis = redis;
        this.events = events;
        this.remember = tokens.accessTtl().plus(CLOCK_SKEW);
        this.meters = meters;
        this.lookup = new RevocationLookup(keys -> redis.opsForValue().multiGet(keys), outcome -> {
            if (outcome == RevocationLookup.Outcome.FAILED) {
                meters.counter("auth.revocations.lookup_failed").increment();
            }
        });
    }

    /** One login session ({@code sid}, the refresh-token family) of the user ends; its character leaves the world too. */
    public void revokeSession(long accountId, String sessionId, String reason) {
        events.publishEvent(new SessionsEnded(accountId, sessionId, false));
        SessionRevoked revoked = new SessionRevoked(String.valueOf(accountId), sessionId, reason, clock.millis());
        afterCommit(() -> announce(revoked, SessionRevoked.sessionKey(sessionId), reason));
    }

    /** Every session of the user ends: all tokens issued until now (a ban); their characters leave the world. */
    public void revokeAll(long accountId, String reason) {
        events.publishEvent(new SessionsEnded(accountId, null, BAN.equals(reason)));
        SessionRevoked revoked = new SessionRevoked(String.valueOf(accountId), SessionRevoked.ALL_SESSIONS, reason,
                clock.millis());
        afterCommit(() -> announce(revoked, SessionRevoked.userKey(revoked.userId()), String.valueOf(revoked.at())));
    }

    /** Lifts {@link #revokeAll} (an unban): tokens issued from now on are good. */
    public void clearAll(long accountId) {
        try {
            redis.delete(SessionRevoked.userKey(String.valueOf(accountId)));
        } catch (RuntimeException e) {
            log.warn("Could not clear the revocation of user={} in Redis ({}); it lapses within {}", accountId,
                    e.getMessage(), remember);
        }
    }

    /** Whether a verified access token belongs to a revoked session. Without Redis: false (the token runs out). */
    boolean isRevoked(AccessToken token) {
        String cacheKey = token.userId() + " " + token.sessionId() + " " + token.issuedAt().getEpochSecond();
        return recent.get(cacheKey, ignored -> lookUp(token));
    }

    private boolean lookUp(AccessToken token) {
        return lookup.isRevoked(token.userId(), token.sessionId(), token.issuedAt());
    }

    private void announce(SessionRevoked revoked, String key, String value) {
        try {
            redis.opsForValue().set(key, value, remember);
            redis.convertAndSend(SessionRevoked.CHANNEL, revoked.encode());
            meters.counter("auth.revocations", "reason", revoked.reason()).increment();
        } catch (RuntimeException e) {
            meters.counter("auth.revocations.unannounced").increment();
            log.warn("Could not announce the revocation of user={} session={} ({}); its live access tokens run out "
                    + "within {}", revoked.userId(), revoked.sessionId(), e.getMessage(), remember);
        }
    }

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
