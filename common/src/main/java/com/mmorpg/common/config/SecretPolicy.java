package com.mmorpg.common.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What a production secret must be. Development defaults all start with {@value #DEV_PREFIX} so
 * they are easy to spot, in configuration and here.
 */
public final class SecretPolicy {

    public static final String DEV_PREFIX = "dev-only-";
    public static final int MIN_BYTES = 32;

    /** Defaults published by the original prototype, refused as well. */
    private static final Set<String> KNOWN_PUBLIC = Set.of("your-super-secret-jwt-key-change-this-in-production");

    private SecretPolicy() {
    }

    /** Whether {@code value} is a development default or a value the original prototype published. */
    public static boolean isPublished(String value) {
        return value != null && (value.startsWith(DEV_PREFIX) || KNOWN_PUBLIC.contains(value));
    }

    /** Why {@code value} may not be used as the secret {@code name} in production, or empty when it may. */
    public static Optional<String> productionProblem(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(name + " is not set");
        }
        if (isPublished(value)) {
            return Optional.of(name + " is a development default");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            return Optional.of(name + " is shorter than " + MIN_BYTES + " bytes");
        }
        return Optional.empty();
    }
}
