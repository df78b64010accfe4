package com.mmorpg.auth.ratelimit;

import com.mmorpg.service.secrets.InsecureConfigurationException;
import com.mmorpg.service.logging.LogSafe;
import com.mmorpg.service.ratelimit.SharedBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Service;

/**
 * Flood and guessing protection for login, register and refresh, in buckets every replica shares
 * ({@link SharedBuckets}). Addresses are keyed by {@link ClientAddress} (IPv6 by /64).
 *
 * <ul>
 *   <li>per address: at most N logins, M registrations and R refreshes a minute, else 429
 *       {@code RATE_LIMITED}; per refresh-token family at most F refreshes a minute;</li>
 *   <li>per username <em>and address</em>: a login attempt reserves one of {@code lockoutFailures}
 *       failures before the password is checked (so concurrent guesses cannot overrun the count);
 *       success gives it back and clears the address's record. An address that used them all gets
 *       429 {@code TOO_MANY_ATTEMPTS} for that name for the rest of the window, for existing and
 *       unknown names alike. Other addresses, the owner's among them, are not locked out;</li>
 *   <li>per username from anywhere: past {@code lockoutFailures} failures each further failed answer
 *       is delayed ({@link #failed}), doubling, so guessing from many addresses slows down.</li>
 * </ul>
 */
@Service
public class LoginGuard {

    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);
    /** How many failures a username's window can count (only the first few dozen change the delay). */
    private static final int USERNAME_FAILURE_SPAN = 1_000;

    private final RateLimitProperties limits;
    private final AtomicLong loopbackRequests = new AtomicLong();
    private final SharedBuckets buckets;
    private final MeterRegistry meters;
    private final BucketConfiguration loginsPerAddress;
    private final BucketConfiguration registrationsPerAddress;
    private final BucketConfiguration refreshesPerAddress;
    private final BucketConfiguration refreshesPerFamily;
    private final BucketConfiguration failuresPerAddress;
    private final BucketConfiguration failuresPerUsername;

    LoginGuard(RateLimitProperties limits, RateLimitBuckets buckets, MeterRegistry meters, Environment environment) {
        if (limits.exemptLoopback() && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new InsecureConfigurationException("Refusing to start with the prod profile: RATE_LIMIT_EXEMPT_LOOPBACK=true",
                    "Unset RATE_LIMIT_EXEMPT_LOOPBACK: it is for development (start-dev.sh); behind a proxy on the same "
                            + "host it would exempt every client from the login and registration limits.");
        }
        if (limits.exemptLoopback()) {
            log.warn("Loopback clients skip the per-address login, registration and refresh limits (RATE_LIMIT_EXEMPT_LOOPBACK, development)");
        }
        this.limits = limits;
        this.buckets = buckets.buckets();
        this.meters = meters;
        this.loginsPerAddress = perMinute(limits.loginPerIpPerMinute());
        this.registrationsPerAddress = perMinute(limits.registerPerIpPerMinute());
        this.refreshesPerAddress = perMinute(limits.refreshPerIpPerMinute());
        this.refreshesPerFamily = perMinute(limits.refreshPerFamilyPerMinute());
        this.failuresPerAddress = perWindow(limits.lockoutFailures(), limits.lockoutWindow());
        this.failuresPerUsername = perWindow(USERNAME_FAILURE_SPAN, limits.lockoutWindow());
    }

    /** A login attempt whose failure is already counted; settle it with {@link #succeeded} or {@link #failed}. */
    public record Attempt(String username, String address) {
    }

    public void admitLogin(String address) {
        if (!exempt(address)) {
            consume("login:" + address, loginsPerAddress, "login");
        }
    }

    public void admitRegistration(String address) {
        if (!exempt(address)) {
            consume("register:" + address, registrationsPerAddress, "register");
        }
    }

    public void admitRefresh(String address) {
        if (!exempt(address)) {
            consume("refresh:" + address, refreshesPerAddress, "refresh");
        }
    }

    /**
     * Whose share of the bcrypt queue a request waits in: its address, or, for a loopback client
     * while {@code exempt-loopback} is on, a share of its own (the queue's total still applies).
     */
    public String queueShare(String address) {
        return exempt(address) ? "loopback:" + loopbackRequests.incrementAndGet() : address;
    }

    /** A loopback client while {@code exempt-loopback} is on (development only). */
    private boolean exempt(String address) {
        return limits.exemptLoopback() && ClientAddress.isLoopbackKey(address);
    }

    /** Per token family, checked once the presented token is known. */
    public void admitRefreshOfFamily(String family) {
        consume("refresh-family:" + family, refreshesPerFamily, "refresh_family");
    }

    /**
     * Reserves a failure for {@code username} from {@code address} before any password work;
     * throws 429 {@code TOO_MANY_ATTEMPTS} when this address has none left for this name.
     */
    public Attempt beginAttempt(String username, String address) {
        Attempt attempt = new Attempt(key(username), address);
        ConsumptionProbe probe = buckets.tryConsume(failureKey(attempt), failuresPerAddress, 1);
        if (!probe.isConsumed()) {
            meters.counter("auth.rate_limited", "kind", "lockout").increment();
            throw new TooManyRequestsException("TOO_MANY_ATTEMPTS", "Too many login attempts. Try again later.",
                    seconds(probe.getNanosToWaitForRefill()));
        }
        if (probe.getRemainingTokens() == 0) {
            log.warn("Login locked username={} address={} after {} failed attempts", LogSafe.text(attempt.username(), 20),
                    address, limits.lockoutFailures());
        }
        return attempt;
    }

    /** The password could not be checked (server busy): the reserved failure is given back. */
    public void abandoned(Attempt attempt) {
        buckets.addTokens(failureKey(attempt), failuresPerAddress, 1);
    }

    /** The password was right: this address's failures for the name are forgotten. */
    public void succeeded(Attempt attempt) {
        buckets.reset(failureKey(attempt));
    }

    /**
     * The password was wrong (the reserved failure stands): counts it for the username from
     * anywhere and returns how long to hold the answer back.
     */
    public Duration failed(Attempt attempt) {
        ConsumptionProbe probe = buckets.tryConsume("fail-user:" + attempt.username(), failuresPerUsername, 1);
        long failures = USERNAME_FAILURE_SPAN - probe.getRemainingTokens();
        return failureDelay(failures);
    }

    Duration failureDelay(long failures) {
        long excess = failures - limits.lockoutFailures();
        if (excess <= 0) {
            return Duration.ZERO;
        }
        int doublings = (int) Math.min(20, (excess - 1) / limits.lockoutFailures());
        Duration delay = limits.failureDelay().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxFailureDelay()) > 0 ? limits.maxFailureDelay() : delay;
    }

    private void consume(String key, BucketConfiguration config, String kind) {
        ConsumptionProbe probe = buckets.tryConsume(key, config, 1);
        if (!probe.isConsumed()) {
            meters.counter("auth.rate_limited", "kind", kind).increment();
            throw new TooManyRequestsException("RATE_LIMITED", "Too many requests. Slow down.",
                    seconds(probe.getNanosToWaitForRefill()));
        }
    }

    private static String failureKey(Attempt attempt) {
        return "fail:" + attempt.username() + ":" + attempt.address();
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos) + 1;
    }

    private static BucketConfiguration perMinute(int count) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(count).refillGreedy(count, Duration.ofMinutes(1)))
                .build();
    }

    private static BucketConfiguration perWindow(int count, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(count).refillIntervally(count, window))
                .build();
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
