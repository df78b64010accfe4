package com.mmorpg.auth.token;

import com.mmorpg.service.secrets.HoldsSecrets;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code auth.tokens}: the access JWT's secret ({@code JWT_SECRET}, plus {@code JWT_SECRET_PREVIOUS}
 * during a rotation), the lifetimes of access and refresh tokens, how long a used refresh token is
 * kept ({@code used-retention}: within it, presenting it again revokes its family), the window in
 * which a refresh may be retried ({@code retry-window}), and how many live sessions an account may
 * keep ({@code max-sessions}; a new login revokes the oldest).
 */
@Validated
@ConfigurationProperties("auth.tokens")
public record TokenProperties(@NotBlank String jwtSecret, String jwtSecretPrevious, @NotNull Duration accessTtl,
        @NotNull Duration refreshTtl, @NotNull Duration usedRetention, @NotNull Duration retryWindow,
        @Min(1) int maxSessions) implements HoldsSecrets {

    @Override
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("JWT_SECRET", jwtSecret);
        if (jwtSecretPrevious != null && !jwtSecretPrevious.isBlank()) {
            secrets.put("JWT_SECRET_PREVIOUS", jwtSecretPrevious);
        }
        return secrets;
    }
}
