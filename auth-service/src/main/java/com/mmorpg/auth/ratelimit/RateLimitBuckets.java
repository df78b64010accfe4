package com.mmorpg.auth.ratelimit;

import com.mmorpg.service.ratelimit.SharedBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * auth-service's rate-limit buckets, shared by its replicas in Redis ({@link SharedBuckets}: keys
 * {@code rl:…}, metrics {@code auth.rate_limits.shared} and {@code auth.rate_limits.redis_errors});
 * connected at start and, while Redis is away, tried again every 5 s in the background.
 */
@Component
class RateLimitBuckets implements DisposableBean {

    private final SharedBuckets buckets;

    RateLimitBuckets(@Value("${spring.data.redis.url}") String redisUrl, RateLimitProperties limits, MeterRegistry meters) {
        this.buckets = new SharedBuckets(redisUrl, "rl:", "auth.rate_limits", "rate limits", meters, limits.maxTrackedKeys(),
                limits.lockoutWindow().plusMinutes(2));
        buckets.connect(); // at start-up (bounded by the 1 s connect timeout), so the first logins already share
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void connect() {
        buckets.connect();
    }

    SharedBuckets buckets() {
        return buckets;
    }

    @Override
    public void destroy() {
        buckets.close();
    }
}
