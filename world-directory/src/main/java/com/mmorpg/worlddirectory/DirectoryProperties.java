package com.mmorpg.worlddirectory;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code directory}: how long a map server stays registered without a heartbeat (the seed's 30 s)
 * and how long an online session lives without a refresh from its gateway.
 */
@Validated
@ConfigurationProperties("directory")
public record DirectoryProperties(@NotNull Duration serverTtl, @NotNull Duration sessionTtl) {
}
