package com.mmorpg.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets shared by every replica of a service, kept in Redis by Bucket4j (compare-and-swap
 * over Lettuce; each key expires once its bucket would be full again). When Redis cannot be reached
 * the same buckets are kept in this process instead (a bounded Caffeine cache), so the service goes
 * on with per-replica limits rather than failing; the switch is logged once each way, counted
 * ({@code <metrics>.redis_errors}) and shown by the {@code <metrics>.shared} gauge. A caller never
 * waits for a connection attempt beyond the first: the owner calls {@link #connect} in the
 * background (every few seconds) until it holds.
 *
 * <p>Not a Spring bean: each service wraps it in its own component (its metric names, its schedule).
 */
public final class SharedBuckets implements AutoCloseable {

    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final long RETRY_AFTER_FAILURE_NANOS = Duration.ofSeconds(5).toNanos();

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

    private final String what;
    private final String keyPrefix;
    private final RedisClient client;
    private final Cache<String, Bucket> local;
    private final Counter redisErrors;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> shared;
    private volatile long sharedFailedAtNanos;
    private volatile boolean degraded;

    /**
     * @param redisUrl       {@code redis://host:port[/database]}
     * @param keyPrefix      put before every key in Redis (e.g. {@code rl:})
     * @param metrics        the metric name prefix ({@code <metrics>.shared}, {@code <metrics>.redis_errors})
     * @param what           what the buckets limit, for the log ("rate limits", "chat paces")
     * @param maxLocalKeys   buckets kept in memory at most while Redis is away
     * @param localIdle      a bucket unused this long is forgotten while Redis is away (at least its refill time)
     */
    public SharedBuckets(String redisUrl, String keyPrefix, String metrics, String what, MeterRegistry meters,
            long maxLocalKeys, Duration localIdle) {
        this.what = what;
        this.keyPrefix = keyPrefix;
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .timeoutOptions(TimeoutOptions.enabled(REDIS_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.local = Caffeine.newBuilder().maximumSize(maxLocalKeys).expireAfterAccess(localIdle).build();
        this.redisErrors = meters.counter(metrics + ".redis_errors");
        Gauge.builder(metrics + ".shared", this, buckets -> buckets.isShared() ? 1 : 0)
                .description("1 while these limits are kept in Redis (shared by replicas), 0 while per replica")
                .register(meters);
    }

    /** Connects to Redis when not connected; the owner calls it at start and then every few seconds. */
    public void connect() {
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
            log.info("{} are shared through Redis", capitalized());
        } catch (RuntimeException e) {
            noteFailure(e);
        }
    }

    /** True while the buckets live in Redis. */
    public boolean isShared() {
        return shared != null && !recentlyFailed();
    }

    /** Takes {@code tokens} from the bucket {@code key} (created full with {@code config}). */
    public ConsumptionProbe tryConsume(String key, BucketConfiguration config, long tokens) {
        return apply(key, config, bucket -> bucket.tryConsumeAndReturnRemaining(tokens),
                bucket -> bucket.tryConsumeAndReturnRemaining(tokens));
    }

    /** Gives tokens back, up to the bucket's capacity. */
    public void addTokens(String key, BucketConfiguration config, long tokens) {
        apply(key, config, bucket -> {
            bucket.addTokens(tokens);
            return null;
        }, bucket -> {
            bucket.addTokens(tokens);
            return null;
        });
    }

    /** Forgets the bucket: the next use starts it full. */
    public void reset(String key) {
        local.invalidate(key);
        ProxyManager<String> remote = usable();
        if (remote != null) {
            try {
                remote.removeProxy(keyPrefix + key);
            } catch (RuntimeException e) {
                noteFailure(e);
            }
        }
    }

    private <T> T apply(String key, BucketConfiguration config, Function<BucketProxy, T> remoteWork,
            Function<Bucket, T> localWork) {
        ProxyManager<String> remote = usable();
        if (remote != null) {
            try {
                T result = remoteWork.apply(remote.getProxy(keyPrefix + key, () -> config));
                if (degraded) {
                    degraded = false;
                    log.info("{} are shared through Redis again", capitalized());
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
        redisErrors.increment();
        if (!degraded) {
            degraded = true;
            log.warn("{} fall back to this replica's memory: Redis unavailable ({})", capitalized(), e.toString());
        }
    }

    private String capitalized() {
        return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    private static Bucket localBucket(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth bandwidth : config.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
