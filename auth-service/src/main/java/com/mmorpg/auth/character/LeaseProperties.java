package com.mmorpg.auth.character;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code auth.leases}: how long a character's lease lives without renewal ({@code LEASE_TTL}, 30 s:
 * long enough that a holder renewing every 10 s rides out an auth-service restart or a database
 * fail-over without losing its players, short enough that after a map server crash its players can
 * log in elsewhere within half a minute), how long a redeemed ticket's jti is remembered (far
 * beyond any ticket's lifetime), and the retry hint a refused second login gets.
 */
@Validated
@ConfigurationProperties("auth.leases")
public record LeaseProperties(@NotNull Duration ttl, @NotNull Duration usedTicketRetention, @NotNull Duration retryAfter) {
}
