package com.mmorpg.bot;

import com.mmorpg.common.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code bot load} was asked to do, from its command line and environment ({@link #parse}).
 *
 * {@code maps}: the maps new characters start on, bot i on {@code maps[i % n]} (auth-service creates every character
 * on map 1; the others are moved there with the internal state write, as a gate would, so a load can spread over
 * several map servers). {@code internalApiKey}: {@code INTERNAL_API_KEY}, or null; only moving characters between maps
 * needs it. {@code items}: the bots loot and trade ({@code --items}); {@code rejoin}: a bot whose map server goes away
 * enters the world again, as a player would, until the run ends ({@code --rejoin}, for chaos runs).
 */
record LoadOptions(int players, Duration duration, double rampPerSecond, double maxErrorRate, List<String> metricsUrls,
        String run, List<Integer> maps, MapOnly mapOnly, long serverPid, int threads, String internalApiKey, boolean items,
        boolean rejoin) {

    /**
     * {@code --map-only}: no gateway; the bots' tickets are minted here with {@code TICKET_SECRET}
     * for the map server of each map at {@code host:basePort + map} ({@code map-server-<map>}), so
     * the map server is loaded without the login path. Accounts and characters still come from
     * auth-service (the map server loads characters from it); with a fixed {@code --run} they are
     * made once and reused.
     */
    record MapOnly(String host, int basePort, String ticketSecret) {
    }

    static final String MISSING_KEY = "moving bots' characters between maps uses auth-service's internal API: set "
            + "INTERNAL_API_KEY (./scripts/start-dev.sh keeps its stack's key in .run/internal-api-key, which "
            + "./scripts/bot.sh reads)";
    /** The map servers' development default (scripts/start-dev.sh sets no other). */
    private static final String DEV_TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";

    static LoadOptions parse(Map<String, String> options) {
        return parse(options, System.getenv());
    }

    static LoadOptions parse(Map<String, String> options, Map<String, String> env) {
        int players = Integer.parseInt(options.getOrDefault("--players", "10"));
        String ramp = options.getOrDefault("--ramp", "10/s");
        double perSecond = Double.parseDouble(ramp.endsWith("/s") ? ramp.substring(0, ramp.length() - 2) : ramp);
        if (players < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("--players and --ramp must be positive");
        }
        List<String> metrics = new ArrayList<>(Arrays.asList(options.getOrDefault("--metrics",
                "http://localhost:5001/metrics,http://localhost:5002/metrics").split(",")));
        metrics.removeIf(String::isBlank);
        MapOnly mapOnly = null;
        if (options.containsKey("--map-only")) {
            String address = options.get("--map-only");
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--map-only takes HOST:BASE_PORT (map N is at BASE_PORT + N), e.g. 127.0.0.1:4000");
            }
            mapOnly = new MapOnly(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                    env.getOrDefault("TICKET_SECRET", DEV_TICKET_SECRET));
        }
        int threads = Integer.parseInt(options.getOrDefault("--threads", "2"));
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be 1-64");
        }
        List<Integer> maps = Arrays.stream(options.getOrDefault("--maps", "1").split(",")).map(String::strip)
                .map(Integer::valueOf).toList();
        String internalApiKey = env.get("INTERNAL_API_KEY");
        if (internalApiKey != null && internalApiKey.isBlank()) {
            internalApiKey = null;
        }
        if (internalApiKey == null && maps.stream().anyMatch(map -> map != 1)) { // new characters start on map 1
            throw new IllegalArgumentException("--maps " + maps + ": " + MISSING_KEY);
        }
        return new LoadOptions(players, Durations.parse(options.getOrDefault("--duration", "60s")), perSecond,
                Double.parseDouble(options.getOrDefault("--max-error-rate", "0.001")), metrics,
                options.getOrDefault("--run", mapOnly != null ? "m" : Long.toString(System.currentTimeMillis() % 100_000, 36)),
                maps, mapOnly, Long.parseLong(options.getOrDefault("--server-pid", "0")), threads, internalApiKey,
                options.containsKey("--items"), options.containsKey("--rejoin"));
    }
}
