package com.mmorpg.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SharedBucketsTest {

    private static final BucketConfiguration TWO_PER_HOUR = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(2).refillGreedy(2, Duration.ofHours(1)).build()).build();

    @Test
    @Timeout(30)
    void withoutRedisTheBucketsAreKeptInMemoryAndStillLimit() throws IOException {
        try (Socket refusing = new Socket()) { // bound, never listening: refused for the whole test, nobody else takes it
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closedPort = refusing.getLocalPort();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (SharedBuckets buckets = new SharedBuckets("redis://127.0.0.1:" + closedPort, "test:", "test.buckets",
                    "test limits", meters, 1_000, Duration.ofHours(2))) {
                buckets.connect(); // fails: counted, and the buckets stay local

                assertThat(buckets.tryConsume("a", TWO_PER_HOUR, 1).isConsumed()).isTrue();
                assertThat(buckets.tryConsume("a", TWO_PER_HOUR, 1).isConsumed()).isTrue();
                assertThat(buckets.tryConsume("a", TWO_PER_HOUR, 1).isConsumed()).isFalse();
                assertThat(buckets.tryConsume("b", TWO_PER_HOUR, 1).isConsumed()).as("a bucket per key").isTrue();
                buckets.addTokens("a", TWO_PER_HOUR, 1);
                assertThat(buckets.tryConsume("a", TWO_PER_HOUR, 1).isConsumed()).as("a refund is spent again").isTrue();

                assertThat(buckets.isShared()).isFalse();
                assertThat(meters.get("test.buckets.shared").gauge().value()).isZero();
                assertThat(meters.get("test.buckets.redis_errors").counter().count()).isPositive();
            }
        }
    }
}
