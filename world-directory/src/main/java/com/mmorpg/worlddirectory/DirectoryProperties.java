package com.mmorpg.worlddirectory;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code directory}: how long a map server stays registered without a heartbeat (the seed's 30 s),
 * how long an online session lives without a refresh from its gateway, and where auth-service is
 * (staff routes ask it who holds a staff token, and write their actions to its audit).
 */
@Validated
@ConfigurationProperties("directory")
public record DirectoryProperties(@NotNull Duration serverTtl, @NotNull Duration sessionTtl, @NotNull String authServiceUrl,
        @NotNull Duration authTimeout) {
}
