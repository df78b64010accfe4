package com.mmorpg.service.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
}
