package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
