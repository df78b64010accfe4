package com.mmorpg.mapserver;

import com.mmorpg.common.config.Durations;
import com.mmorpg.common.config.SecretPolicy;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.mapserver.runtime.CpuReservation;
import com.mmorpg.mapserver.sim.WorldSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a map server is configured with: the two command-line arguments plus environment
 * variables (seed names kept), parsed and checked once at start-up. An invalid value stops the
 * process with exit code 2 and a message naming the variable.
 */
public record MapServerConfig(
        int mapId,
        int port,
        Path contentDir,
        String serverId,
        String serverIp,
        String worldDirectoryUrl,
        String authServiceUrl,
        String ticketSecret,
        String ticketSecretPrevious,
        String internalApiKey,
        String trustedCertificates,
        int tickRate,
        int channels,
        int maxPlayers,
        int channelCapacity,
        float viewRadius,
        int interestThreads,
        String tickCpu,
        Path tickCpuLockDir,
        int maxVisible,
        int opsPort,
        String opsBind,
        String opsHost,
        int pendingPerAddress,
        int pendingPerIpv4Network,
        int pendingPerIpv6Network,
        int pendingTotal,
        int slowReaderBytes,
        boolean nativeTransport,
        Duration heartbeatInterval,
        Duration registerRetryBase,
        Duration registerRetryMax,
        int registerAttempts,
        Duration authTimeout,
        Duration backendTimeout,
        Duration shutdownBudget,
        Duration saveInterval,
        Duration handoverWait,
        Duration leaseRenewInterval,
        String redisUrl,
        Duration partyRefreshInterval,
        long worldSeed,
        boolean production) {

    public static final String DEV_TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    public static final String DEV_INTERNAL_API_KEY = "dev-only-internal-api-key-0123456789abcdef";

    /** Reads the configuration; {@code port} 0 (tests) binds any free port. */
    public static MapServerConfig from(int mapId, int port, Map<String, String> env) {
        Reader r = new Reader(env);
        int channels = r.integer("CHANNELS", 2, 1, 64);
        int maxPlayers = r.integer("MAX_PLAYERS", 500, 1, 10_000);
        String profiles = env.getOrDefault("MMO_PROFILE", env.getOrDefault("SPRING_PROFILES_ACTIVE", ""));
        MapServerConfig config = new MapServerConfig(
                mapId,
                port,
                r.parse("CONTENT_DIR", Path.of("content"), Path::of, path -> true, "a folder path"),
                r.text("SERVER_ID", "map-server-" + mapId),
                r.text("SERVER_IP", "127.0.0.1"),
                r.text("WORLD_DIRECTORY_URL", "http://localhost:3001"),
                r.text("AUTH_SERVICE_URL", "http://localhost:3000"),
                r.text("TICKET_SECRET", DEV_TICKET_SECRET),
                r.text("TICKET_SECRET_PREVIOUS", ""),
                r.text("INTERNAL_API_KEY", DEV_INTERNAL_API_KEY),
                r.text(TrustedCertificates.VARIABLE, ""),
                r.integer("TICK_RATE", 20, 1, 120),
                channels,
                maxPlayers,
                r.integer("CHANNEL_CAPACITY", (maxPlayers + channels - 1) / channels, 1, 10_000),
                (float) r.integer("VIEW_RADIUS", 640, 64, 4096),
                r.integer("INTEREST_THREADS", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 4),
                r.parse("TICK_CPU", "auto", String::strip,
                        v -> v.equalsIgnoreCase("off") || v.equalsIgnoreCase("auto") || v.matches("\\d{1,4}") && Integer.parseInt(v) < 1024,
                        "off, auto or a CPU number 0-1023"),
                r.parse("TICK_CPU_LOCK_DIR", CpuReservation.defaultLockDirectory(), Path::of, path -> true, "a directory path"),
                r.integer("MAX_VISIBLE", WorldSettings.DEFAULT_MAX_VISIBLE, 8, 10_000),
                r.integer("OPS_PORT", port == 0 ? 0 : port + 1000, 0, 65_535),
                r.parse("OPS_BIND", "0.0.0.0", String::strip, v -> v.matches("[0-9A-Za-z.:%-]{1,64}"),
                        "an address to bind the ops port to, such as 127.0.0.1 or 0.0.0.0"),
                r.parse("OPS_HOST", env.getOrDefault("SERVER_IP", "127.0.0.1"), String::strip,
                        v -> v.matches("[0-9A-Za-z.:%-]{1,64}"), "the host world-directory reaches the ops port on"),
                r.integer("PENDING_PER_ADDRESS", 16, 1, 100_000),
                r.integer("PENDING_PER_IPV4_NETWORK", 64, 1, 1_000_000),
                r.integer("PENDING_PER_IPV6_NETWORK", 64, 1, 1_000_000),
                r.integer("PENDING_TOTAL", 1024, 1, 1_000_000),
                r.integer("SLOW_READER_BYTES", 256 * 1024, 16 * 1024, 64 * 1024 * 1024),
                r.parse("NET_TRANSPORT", "auto", String::strip,
                        v -> v.equalsIgnoreCase("auto") || v.equalsIgnoreCase("nio"), "auto or nio")
                        .equalsIgnoreCase("auto"),
                r.duration("HEARTBEAT_INTERVAL", Duration.ofSeconds(15)),
                r.duration("REGISTER_RETRY_BASE", Duration.ofSeconds(5)),
                r.duration("REGISTER_RETRY_MAX", Duration.ofSeconds(30)),
                r.integer("REGISTER_ATTEMPTS", 10, 1, 1000),
                r.duration("AUTH_TIMEOUT", Duration.ofSeconds(5)),
                r.duration("BACKEND_TIMEOUT", Duration.ofSeconds(2)),
                r.duration("SHUTDOWN_BUDGET", Duration.ofSeconds(9)),
                r.duration("SAVE_INTERVAL", Duration.ofSeconds(10)),
                r.duration("HANDOVER_WAIT", Duration.ofSeconds(5)),
                r.duration("LEASE_RENEW_INTERVAL", Duration.ofSeconds(10)),
                r.parse("REDIS_URL", "", String::strip, v -> v.isEmpty() || v.matches("rediss?://\\S{1,500}"),
                        "redis://host:port (the gateway's Redis, where parties live), or empty for none"),
                r.duration("PARTY_REFRESH_INTERVAL", Duration.ofSeconds(2)),
                r.integer("WORLD_SEED", mapId, 0, Integer.MAX_VALUE),
                List.of(profiles.toLowerCase(Locale.ROOT).split("[,\\s]+")).contains("prod"));
        r.check(config);
        if (!config.trustedCertificates().isEmpty()) {
            TrustedCertificates.sslContext(Path.of(config.trustedCertificates()));
        }
        return config;
    }

    /** The channel a player may ask for: 1..channels. */
    public boolean isChannel(int channel) {
        return channel >= 1 && channel <= channels;
    }

    private static final class Reader {

        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String text(String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        int integer(String name, int fallback, int min, int max) {
            return parse(name, fallback, Integer::parseInt, v -> v >= min && v <= max, "a whole number " + min + "-" + max);
        }

        Duration duration(String name, Duration fallback) {
            return parse(name, fallback, Durations::parse, d -> !d.isNegative() && !d.isZero(),
                    "a positive duration such as 500ms, 15s or 2m");
        }

        <T> T parse(String name, T fallback, Function<String, T> parser, java.util.function.Predicate<T> valid,
                String expected) {
            String raw = env.get(name);
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                T value = parser.apply(raw.strip());
                if (valid.test(value)) {
                    return value;
                }
            } catch (RuntimeException ignored) {
                // reported below
            }
            problems.add(name + " must be " + expected + ", got '" + raw + "'");
            return fallback;
        }

        void check(MapServerConfig config) {
            if (!config.serverId().matches("map-server-[A-Za-z0-9_-]{1,48}")) {
                problems.add("SERVER_ID must look like map-server-<1-48 of A-Z a-z 0-9 _ ->, got '" + config.serverId() + "'");
            }
            if (config.production()) {
                SecretPolicy.productionProblem("TICKET_SECRET", config.ticketSecret()).ifPresent(problems::add);
                SecretPolicy.productionProblem("INTERNAL_API_KEY", config.internalApiKey()).ifPresent(problems::add);
                if (!config.ticketSecretPrevious().isEmpty()) {
                    SecretPolicy.productionProblem("TICKET_SECRET_PREVIOUS", config.ticketSecretPrevious())
                            .ifPresent(problems::add);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }
}
