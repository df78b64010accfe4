package com.mmorpg.auth.ratelimit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code auth.rate-limits}, shared by all replicas through Redis ({@link RateLimitBuckets}):
 * <ul>
 *   <li>requests per client address (IPv6: per /64) and minute for login, register and refresh;</li>
 *   <li>refreshes per token family and minute (a client refreshes once per access-token lifetime);</li>
 *   <li>{@code lockoutFailures} failed logins for one username from one address within
 *       {@code lockoutWindow} lock that address out of that username for the rest of the window;</li>
 *   <li>beyond {@code lockoutFailures} failures for a username from anywhere, each further failed
 *       answer for it is delayed, from {@code failureDelay} doubling per {@code lockoutFailures}
 *       failures up to {@code maxFailureDelay}: it slows distributed guessing and never refuses the owner.</li>
 *   <li>{@code exemptLoopback}: loopback clients skip the per-address limits of login, register and
 *       refresh (development: {@code start-dev.sh} sets it, so {@code bot load} can run hundreds of
 *       bots from one machine). Off by default; the {@code prod} profile refuses it, because behind a
 *       proxy on the same host every client would be exempt.</li>
 * </ul>
 */
@Validated
@ConfigurationProperties("auth.rate-limits")
public record RateLimitProperties(@Min(1) int loginPerIpPerMinute, @Min(1) int registerPerIpPerMinute,
        @Min(1) int refreshPerIpPerMinute, @Min(1) int refreshPerFamilyPerMinute,
        @Min(1) int lockoutFailures, @NotNull Duration lockoutWindow,
        @NotNull Duration failureDelay, @NotNull Duration maxFailureDelay, @Min(1000) long maxTrackedKeys,
        boolean exemptLoopback) {
}
