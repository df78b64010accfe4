package com.mmorpg.gateway.config;

import com.mmorpg.service.secrets.HoldsSecrets;
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
 * tokens and signs map tickets with, and the limits it holds every connection to.
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
        @NotNull Duration pingInterval,
        @NotNull Duration idleTimeout,
        @NotNull Duration sessionRefreshInterval,
        @NotNull Duration mapLookupCache) implements HoldsSecrets {

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
