package com.mmorpg.gateway.config;

import com.mmorpg.service.secrets.HoldsSecrets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway}: who this gateway is, where its dependencies are, the secrets it verifies access
 * tokens and signs map tickets with, the limits it holds every connection to, and chat's limits.
 * {@code entries-per-minute} paces {@code enter_world} and {@code join_map} together, per account;
 * {@code max-outbound-bytes} is how much may wait to be sent to one socket (besides a frame count)
 * before a client that stopped reading is dropped; {@code redis-subscription-retry} is how often a
 * Redis subscription that does not hold yet (session notices, chat delivery) is tried again.
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @NotBlank String gatewayId,
        @NotNull URI authServiceUrl,
        @NotNull URI worldDirectoryUrl,
        @NotBlank String jwtSecret,
        String jwtSecretPrevious,
        @NotBlank String ticketSecret,
        String ticketSecretPrevious,
        @NotNull Duration ticketTtl,
        @NotNull Duration dependencyTimeout,
        @Min(256) int maxFrameBytes,
        @Min(1) int messagesPerSecond,
        @Min(1) int rateLimitStrikes,
        @Min(1) int entriesPerMinute,
        @Min(16_384) int maxOutboundBytes,
        @NotNull Duration pingInterval,
        @NotNull Duration idleTimeout,
        @NotNull Duration sessionRefreshInterval,
        @NotNull Duration mapLookupCache,
        @NotNull Duration redisSubscriptionRetry,
        @Valid @NotNull Chat chat) implements HoldsSecrets {

    /**
     * {@code gateway.chat}: how long a line may be, how fast an account may talk ({@code messages} per
     * {@code per} on every channel, {@code world-messages} per {@code world-per} on {@code world}),
     * how much history is kept and how often an account may ask for it ({@code history-requests} per
     * {@code history-per}), party size and how long an invitation and an idle party live, how many
     * characters a block list holds and how long an untouched block list is kept ({@code block-ttl},
     * renewed at each entry into the world and each change), how long a player's name stays reachable for whispers when its
     * gateway stops refreshing it (a crashed gateway's players drop out within that), and how long
     * lines gather on a socket before one write sends them, and how late a line may be before it is
     * dropped instead of delivered (overload).
     */
    public record Chat(
            @Min(1) int maxChars,
            @Min(1) int messages,
            @NotNull Duration per,
            @Min(1) int worldMessages,
            @NotNull Duration worldPer,
            @Min(1) int historySize,
            @Min(1) int historyRequests,
            @NotNull Duration historyPer,
            @Min(2) int maxPartySize,
            @NotNull Duration inviteTtl,
            @NotNull Duration partyIdleTtl,
            @Min(0) int maxBlocks,
            @NotNull Duration blockTtl,
            @NotNull Duration presenceTtl,
            @NotNull Duration flushInterval,
            @NotNull Duration maxDeliveryLag) {
    }

    @Override
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("JWT_SECRET", jwtSecret);
        secrets.put("TICKET_SECRET", ticketSecret);
        if (jwtSecretPrevious != null && !jwtSecretPrevious.isBlank()) {
            secrets.put("JWT_SECRET_PREVIOUS", jwtSecretPrevious);
        }
        if (ticketSecretPrevious != null && !ticketSecretPrevious.isBlank()) {
            secrets.put("TICKET_SECRET_PREVIOUS", ticketSecretPrevious);
        }
        return secrets;
    }
}
