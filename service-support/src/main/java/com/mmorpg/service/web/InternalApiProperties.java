package com.mmorpg.service.web;

import com.mmorpg.service.secrets.HoldsSecrets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmo.internal}: the shared key of service-to-service calls ({@code INTERNAL_API_KEY}) and
 * the path patterns that require it.
 */
@ConfigurationProperties("mmo.internal")
public record InternalApiProperties(String apiKey, List<String> paths) implements HoldsSecrets {

    public InternalApiProperties {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    @Override
    public Map<String, String> secrets() {
        return Map.of("INTERNAL_API_KEY", apiKey == null ? "" : apiKey);
    }
}
