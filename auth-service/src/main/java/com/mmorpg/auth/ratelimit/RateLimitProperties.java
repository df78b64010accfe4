package com.mmorpg.auth.ratelimit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code auth.rate-limits}: requests per client IP per minute for login and register, and the
 * per-username lockout (so many failed logins within a window lock that name's logins for the
 * rest of the window).
 */
@Validated
@ConfigurationProperties("auth.rate-limits")
public record RateLimitProperties(@Min(1) int loginPerIpPerMinute, @Min(1) int registerPerIpPerMinute,
        @Min(1) int lockoutFailures, @NotNull Duration lockoutWindow, @Min(1000) long maxTrackedKeys) {
}
