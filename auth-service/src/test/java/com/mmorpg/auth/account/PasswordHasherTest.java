package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
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
    void requestThatCannotBeServedInTimeGets503InsteadOfWaitingForever() {
        // Cost 12 takes hundreds of milliseconds per hash; a 1 ms budget can never be met.
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 1, 1, 1, Duration.ofMillis(1)), meters);

        assertThatThrownBy(() -> hasher.hash("correct-horse-1", "a"))
                .isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("busy");
        assertThat(meters.get("auth.bcrypt.rejected").counter().count()).isGreaterThanOrEqualTo(1);
        hasher.destroy();
    }

    @Test
    void hashesTheCallersGaveUpOnCostNoWorkerAndHealthStaysUp() throws Exception {
        // Cost 13 takes far longer than 200 ms: every hash below is given up while a worker runs it.
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(13, 2, 4, 4, Duration.ofMillis(200)), meters);
        String cheap = new BCryptPasswordEncoder(4).encode("correct-horse-1");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> hasher.hash("correct-horse-1", "burst")).isInstanceOf(ServerBusyException.class);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> hasher.state().running() == 0 && hasher.state().queued() == 0);

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
    void healthIsDownWhenNoWorkerIsLeft() {
        PasswordHasher hasher = new PasswordHasher(new PasswordProperties(4, 1, 4, 4, Duration.ofSeconds(10)), meters);
        hasher.destroy();

        await().atMost(Duration.ofSeconds(10)).until(() -> hasher.state().alive() == 0);
        assertThat(new PasswordHashingHealth(hasher).health().getStatus().getCode()).isEqualTo("DOWN");
    }
}
