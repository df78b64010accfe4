package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void hashesAndVerifies() {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(4, 1, 4, 4, Duration.ofSeconds(10)), meters);
        String hash = hasher.hash("correct-horse-1", "a");

        assertThat(hash).startsWith("$2a$04$");
        assertThat(hasher.matches("correct-horse-1", hash, "a")).isTrue();
        assertThat(hasher.matches("wrong-horse-1", hash, "a")).isFalse();
        hasher.destroy();
    }

    @Test
    void unknownAccountOrOverlongPasswordIsFalseAfterARealVerification() {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(4, 1, 4, 4, Duration.ofSeconds(10)), meters);
        String hash = hasher.hash("x".repeat(72), "a");
        long before = meters.get("auth.bcrypt").timer().count();

        assertThat(hasher.matches("anything", null, "a")).isFalse();
        assertThat(hasher.matches("x".repeat(73), hash, "a")).isFalse();
        assertThat(meters.get("auth.bcrypt").timer().count()).isEqualTo(before + 2);
        hasher.destroy();
    }

    @Test
    void requestThatCannotGetItsTurnInTimeGets503InsteadOfWaitingForever() throws Exception {
        // Cost 12 takes hundreds of milliseconds per hash: a second one cannot start within 50 ms.
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 1, 2, 2, Duration.ofMillis(50)), meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> hasher.hash("correct-horse-1", "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> hasher.state().running() == 1);

        assertThatThrownBy(() -> hasher.hash("correct-horse-1", "a"))
                .isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("busy");
        assertThat(meters.get("auth.bcrypt.rejected").tag("reason", "timeout").counter().count()).isEqualTo(1);
        // The hash a worker had started is awaited, not thrown away at the deadline.
        assertThat(first.get(30, TimeUnit.SECONDS)).startsWith("$2a$12$");
        hasher.destroy();
    }

    @Test
    void noMoreWaitThanTheWorkersCanStartInTime() {
        // Once a hash is known to take longer than the wait, only one per worker may queue.
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 2, 64, 64, Duration.ofMillis(50)), meters);
        assertThat(hasher.admissible()).isEqualTo(64);
        hasher.hash("correct-horse-1", "a");

        assertThat(hasher.admissible()).isEqualTo(2);
        hasher.destroy();
    }

    @Test
    void callersThatGiveUpWhileTheirHashRunsCostNoWorkerAndHealthStaysUp() throws Exception {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(13, 2, 4, 4, Duration.ofSeconds(10)), meters);
        String cheap = new BCryptPasswordEncoder(4).encode("correct-horse-1");
        List<Thread> callers = new ArrayList<>();
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    hasher.hash("correct-horse-1", "burst");
                    outcomes.add(new AssertionError("finished"));
                } catch (RuntimeException e) {
                    outcomes.add(e);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hasher.state().running() == 2);
        callers.forEach(Thread::interrupt); // the callers give up while both workers hash for them
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(30));
        }
        assertThat(outcomes).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(ServerBusyException.class));
        await().atMost(Duration.ofSeconds(60)).until(() -> hasher.state().running() == 0);

        assertThat(hasher.matches("correct-horse-1", cheap, "player")).isTrue();
        PasswordHasher.State state = hasher.state();
        assertThat(state.alive()).isEqualTo(2);
        assertThat(state.replaced()).isZero();
        assertThat(state.stalled()).isFalse();
        assertThat(meters.get("auth.bcrypt.workers.alive").gauge().value()).isEqualTo(2);
        assertThat(new PasswordHashingHealth(hasher).health().getStatus().getCode()).isEqualTo("UP");
        hasher.destroy();
    }

    @Test
    void moreWorkersThanQueuePlacesStillAdmitsAfterTheFirstHash() {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 4, 2, 2, Duration.ofMillis(50)), meters);
        hasher.hash("correct-horse-1", "a");

        assertThat(hasher.admissible()).isEqualTo(2);
        assertThat(hasher.hash("correct-horse-1", "a")).startsWith("$2a$12$");
        hasher.destroy();
    }

    @Test
    void healthIsDownWhenNoWorkerIsLeft() {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(4, 1, 4, 4, Duration.ofSeconds(10)), meters);
        hasher.destroy();

        await().atMost(Duration.ofSeconds(10)).until(() -> hasher.state().alive() == 0);
        assertThat(new PasswordHashingHealth(hasher).health().getStatus().getCode()).isEqualTo("DOWN");
    }
}
