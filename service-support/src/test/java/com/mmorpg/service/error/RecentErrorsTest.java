package com.mmorpg.service.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentErrorsTest {

    @Test
    void errorsAreCountedByCodeSinceTheSnapshotOfTheWindowsStart() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (RecentErrors recent = new RecentErrors(meters)) {
            meters.counter("mmo.api.errors", "status", "401", "code", "INVALID_CREDENTIALS").increment(3);
            meters.counter("mmo.api.errors", "status", "404", "code", "NOT_FOUND").increment();
            assertThat(recent.lastMinutes(15)).containsEntry("INVALID_CREDENTIALS", 3L).containsEntry("NOT_FOUND", 1L);

            recent.snapshot(); // a minute went by
            meters.counter("mmo.api.errors", "status", "401", "code", "INVALID_CREDENTIALS").increment();
            // The snapshot is younger than any window: the counts since the start still show.
            assertThat(recent.lastMinutes(1)).containsEntry("INVALID_CREDENTIALS", 4L);
            assertThat(recent.lastMinutes(60)).hasSize(2);
        }
    }

    @Test
    void aSnapshotThatFailsDoesNotEndTheSnapshots() {
        AtomicInteger reads = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry() {
            @Override
            public Search find(String name) {
                if (reads.incrementAndGet() == 1) {
                    throw new IllegalStateException("a registry that fails once");
                }
                return super.find(name);
            }
        };
        // A counter without a code tag used to fail every snapshot (a null key).
        meters.counter("mmo.api.errors", "status", "500").increment();
        try (RecentErrors recent = new RecentErrors(meters, 20)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> recent.snapshots() >= 3);
            assertThat(recent.lastMinutes(1)).containsEntry("UNKNOWN", 1L);
        }
    }
}
