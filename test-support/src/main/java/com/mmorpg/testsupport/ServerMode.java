package com.mmorpg.testsupport;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Where the real PostgreSQL and Redis of a test JVM come from: containers when a Docker engine
 * answers, else the embedded servers. {@code MMO_TEST_SERVERS=docker|embedded} (or the system
 * property {@code mmo.test.servers}) forces one; the default is {@code auto}.
 */
public enum ServerMode {
    DOCKER,
    EMBEDDED;

    private static final Logger log = LoggerFactory.getLogger(ServerMode.class);
    private static volatile ServerMode detected;

    /** Decided once per JVM; the Docker probe costs about 0.3 s when no engine runs. */
    public static ServerMode current() {
        ServerMode mode = detected;
        if (mode == null) {
            synchronized (ServerMode.class) {
                mode = detected;
                if (mode == null) {
                    mode = decide(requested(), ServerMode::dockerAvailable);
                    log.info("test servers: {} (set MMO_TEST_SERVERS=docker|embedded to choose)", mode);
                    detected = mode;
                }
            }
        }
        return mode;
    }

    static String requested() {
        String value = System.getProperty("mmo.test.servers");
        if (value == null || value.isBlank()) {
            value = System.getenv("MMO_TEST_SERVERS");
        }
        return value == null || value.isBlank() ? "auto" : value.strip().toLowerCase(Locale.ROOT);
    }

    static ServerMode decide(String requested, java.util.function.BooleanSupplier dockerAvailable) {
        return switch (requested) {
            case "docker" -> DOCKER;
            case "embedded" -> EMBEDDED;
            case "auto" -> dockerAvailable.getAsBoolean() ? DOCKER : EMBEDDED;
            default -> throw new IllegalArgumentException(
                    "MMO_TEST_SERVERS must be auto, docker or embedded, not '" + requested + "'");
        };
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
