package com.mmorpg.auth.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets shared by every auth-service replica, kept in Redis by Bucket4j (compare-and-swap
 * over Lettuce; each key expires once its bucket would be full again). When Redis cannot be
 * reached the same buckets are kept in this process instead (bounded Caffeine cache), so logins go
 * on with per-replica limits rather than failing; the switch is logged once each way and shown by
 * the {@code auth.rate_limits.shared} gauge. A request never waits for a connection attempt: those
 * run in the background.
 */
@Component
public class SharedBuckets implements DisposableBean {

    static final String KEY_PREFIX = "rl:";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final long RETRY_AFTER_FAILURE_NANOS = Duration.ofSeconds(5).toNanos();

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

    private final RedisClient client;
    private final Cache<String, Bucket> local;
    private final MeterRegistry meters;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> shared;
    private volatile long sharedFailedAtNanos;
    private volatile boolean degraded;

    SharedBuckets(@Value("${spring.data.redis.url}") String redisUrl, RateLimitProperties limits, MeterRegistry meters) {
        this.meters = meters;
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .timeoutOptions(TimeoutOptions.enabled(REDIS_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.local = Caffeine.newBuilder().maximumSize(limits.maxTrackedKeys())
                .expireAfterAccess(limits.lockoutWindow().plusMinutes(2)).build();
        Gauge.builder("auth.rate_limits.shared", this, buckets -> buckets.isShared() ? 1 : 0)
                .description("1 while rate limits are kept in Redis (shared by replicas), 0 while per replica")
                .register(meters);
        connect(); // at start-up (bounded by the 1 s connect timeout), so the first logins already share
    }

    /** Connects to Redis when not connected; runs at start and then in the background. */
    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void connect() {
        if (shared != null) {
            return;
        }
        try {
            StatefulRedisConnection<String, byte[]> opened =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection = opened;
            shared = Bucket4jLettuce.casBasedBuilder(opened)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            log.info("Rate limits are shared through Redis");
        } catch (RuntimeException e) {
            noteFailure(e);
        }
    }

    /** True while the buckets live in Redis. */
    public boolean isShared() {
        return shared != null && !recentlyFailed();
    }

    /** Takes {@code tokens} from the bucket {@code key} (created full with {@code config}). */
    ConsumptionProbe tryConsume(String key, BucketConfiguration config, long tokens) {
        return apply(key, config, bucket -> bucket.tryConsumeAndReturnRemaining(tokens),
                bucket -> bucket.tryConsumeAndReturnRemaining(tokens));
    }

    /** Gives tokens back, up to the bucket's capacity. */
    void addTokens(String key, BucketConfiguration config, long tokens) {
        apply(key, config, bucket -> {
            bucket.addTokens(tokens);
            return null;
        }, bucket -> {
            bucket.addTokens(tokens);
            return null;
        });
    }

    /** Forgets the bucket: the next use starts it full. */
    void reset(String key) {
        local.invalidate(key);
        ProxyManager<String> remote = usable();
        if (remote != null) {
            try {
                remote.removeProxy(KEY_PREFIX + key);
            } catch (RuntimeException e) {
                noteFailure(e);
            }
        }
    }

    private <T> T apply(String key, BucketConfiguration config, Function<io.github.bucket4j.distributed.BucketProxy, T> remoteWork,
            Function<Bucket, T> localWork) {
        ProxyManager<String> remote = usable();
        if (remote != null) {
            try {
                T result = remoteWork.apply(remote.getProxy(KEY_PREFIX + key, () -> config));
                if (degraded) {
                    degraded = false;
                    log.info("Rate limits are shared through Redis again");
                }
                return result;
            } catch (RuntimeException e) {
                noteFailure(e);
            }
        }
        return localWork.apply(local.get(key, ignored -> localBucket(config)));
    }

    private ProxyManager<String> usable() {
        return recentlyFailed() ? null : shared;
    }

    private boolean recentlyFailed() {
        long failedAt = sharedFailedAtNanos;
        return failedAt != 0 && System.nanoTime() - failedAt < RETRY_AFTER_FAILURE_NANOS;
    }

    private void noteFailure(RuntimeException e) {
        sharedFailedAtNanos = System.nanoTime();
        meters.counter("auth.rate_limits.redis_errors").increment();
        if (!degraded) {
            degraded = true;
            log.warn("Rate limits fall back to this replica's memory: Redis unavailable ({})", e.toString());
        }
    }

    private static Bucket localBucket(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth bandwidth : config.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
