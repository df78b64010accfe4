package com.mmorpg.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedBucketsTest {

    @Test
    void withoutRedisTheLimitsHoldInThisReplica() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimitProperties limits = new RateLimitProperties(1, 1, 1, 1, 5, Duration.ofMinutes(10),
                Duration.ofMillis(250), Duration.ofSeconds(4), 1000, false);
        SharedBuckets buckets = new SharedBuckets("redis://127.0.0.1:" + closedPort, limits, meters);
        try {
            BucketConfiguration twoAMinute = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(2).refillIntervally(2, Duration.ofMinutes(1))).build();

            assertThat(buckets.isShared()).isFalse();
            assertThat(buckets.tryConsume("k", twoAMinute, 1).isConsumed()).isTrue();
            assertThat(buckets.tryConsume("k", twoAMinute, 1).isConsumed()).isTrue();
            assertThat(buckets.tryConsume("k", twoAMinute, 1).isConsumed()).isFalse();
            assertThat(meters.get("auth.rate_limits.shared").gauge().value()).isZero();
        } finally {
            buckets.destroy();
        }
    }
}
