package com.mmorpg.auth.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code auth.passwords}: bcrypt cost ({@code BCRYPT_COST}), the size of the pool that runs it
 * (0 = one worker per CPU), how many hashes may wait (all together, and per client address), and
 * how long a request waits before 503.
 */
@Validated
@ConfigurationProperties("auth.passwords")
public record PasswordProperties(@Min(4) @Max(16) int bcryptCost, @Min(0) int workers, @Min(1) int queueCapacity,
        @Min(1) int queuePerAddress, @NotNull Duration maxWait) {
}
