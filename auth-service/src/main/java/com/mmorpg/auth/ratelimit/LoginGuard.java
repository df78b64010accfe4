package com.mmorpg.auth.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mmorpg.service.logging.LogSafe;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Flood and guessing protection for login and register, in memory (Bucket4j token buckets kept in
 * bounded Caffeine caches, so random keys cannot grow memory without limit).
 *
 * <ul>
 *   <li>per client IP: at most N logins and M registrations per minute, else 429 {@code RATE_LIMITED};</li>
 *   <li>per username: after K failed logins in the window the name is locked for the rest of it, for
 *       existing and unknown names alike, so the 429 {@code TOO_MANY_ATTEMPTS} reveals nothing.</li>
 * </ul>
 */
@Service
public class LoginGuard {

    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    private final RateLimitProperties limits;
    private final Cache<String, Bucket> loginsByIp;
    private final Cache<String, Bucket> registrationsByIp;
    private final Cache<String, Bucket> failuresByUsername;
    private final MeterRegistry meters;

    LoginGuard(RateLimitProperties limits, MeterRegistry meters) {
        this.limits = limits;
        this.meters = meters;
        this.loginsByIp = cache(Duration.ofMinutes(2));
        this.registrationsByIp = cache(Duration.ofMinutes(2));
        this.failuresByUsername = cache(limits.lockoutWindow().plusMinutes(1));
    }

    private Cache<String, Bucket> cache(Duration idle) {
        return Caffeine.newBuilder().maximumSize(limits.maxTrackedKeys()).expireAfterAccess(idle).build();
    }

    public void admitLogin(String clientIp) {
        consume(loginsByIp, clientIp, () -> perMinute(limits.loginPerIpPerMinute()), "login");
    }

    public void admitRegistration(String clientIp) {
        consume(registrationsByIp, clientIp, () -> perMinute(limits.registerPerIpPerMinute()), "register");
    }

    /** Throws while the username is locked; checked before any password work is done. */
    public void checkNotLocked(String username) {
        Bucket failures = failuresByUsername.getIfPresent(key(username));
        if (failures != null && failures.getAvailableTokens() <= 0) {
            long waitNanos = failures.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            meters.counter("auth.rate_limited", "kind", "lockout").increment();
            throw new TooManyRequestsException("TOO_MANY_ATTEMPTS", "Too many login attempts. Try again later.",
                    TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
        }
    }

    public void recordFailure(String username) {
        Bucket failures = failuresByUsername.get(key(username), ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.lockoutFailures())
                        .refillIntervally(limits.lockoutFailures(), limits.lockoutWindow()))
                .build());
        failures.tryConsume(1);
        if (failures.getAvailableTokens() <= 0) {
            log.warn("Login locked username={} after {} failed attempts", LogSafe.text(key(username), 20),
                    limits.lockoutFailures());
        }
    }

    public void recordSuccess(String username) {
        failuresByUsername.invalidate(key(username));
    }

    private void consume(Cache<String, Bucket> buckets, String clientIp, Supplier<Bucket> newBucket, String kind) {
        ConsumptionProbe probe = buckets.get(clientIp, ignored -> newBucket.get()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            meters.counter("auth.rate_limited", "kind", kind).increment();
            throw new TooManyRequestsException("RATE_LIMITED", "Too many requests. Slow down.",
                    TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        }
    }

    private static Bucket perMinute(int count) {
        return Bucket.builder().addLimit(limit -> limit.capacity(count).refillGreedy(count, Duration.ofMinutes(1))).build();
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
