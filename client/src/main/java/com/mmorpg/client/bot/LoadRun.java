package com.mmorpg.client.bot;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.client.map.MapRejectedException;
import com.mmorpg.common.config.Durations;
import com.mmorpg.common.protocol.EntityEntered;
import com.mmorpg.common.protocol.MapTransfer;
import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.Snapshot;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bot load}: N bots doing the whole flow (login or register, character, enter_world, map
 * server) at a ramp, then playing (walking at 20 inputs/s, attacking what they see once a second)
 * until the duration ends. Prints a progress line every second and a final table: latency
 * percentiles of each step, errors by code, snapshots and bytes per bot per second, and the map
 * servers' own tick p99 scraped from their {@code /metrics}.
 */
final class LoadRun {

    /**
     * @param maps the maps new characters start on, bot i on {@code maps[i % n]} (auth-service creates
     *     every character on map 1; the others are moved there with the internal state write, as a
     *     gate would, so a load can spread over several map servers)
     */
    record Options(int players, Duration duration, double rampPerSecond, double maxErrorRate, List<String> metricsUrls,
            String run, List<Integer> maps) {
    }

    private final PlayBot.Endpoints endpoints;
    private final Options options;
    private final PrintStream out;
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger inWorld = new AtomicInteger();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    /**
     * One HTTP client for every bot's auth calls and gateway WebSocket: each JDK client runs its own
     * selector thread, and a thousand of them cost the load tool more CPU than the bots themselves.
     */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder worldSeconds = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, Map<Double, Long>> ticksAtStart = new ConcurrentHashMap<>();
    private final Map<String, Map<Double, Long>> tickCpuAtStart = new ConcurrentHashMap<>();

    LoadRun(PlayBot.Endpoints endpoints, Options options, PrintStream out) {
        this.endpoints = endpoints;
        this.options = options;
        this.out = out;
    }

    /** Runs the load; returns true when the error rate stayed under the threshold. */
    boolean run() throws InterruptedException {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        CountDownLatch done = new CountDownLatch(options.players());
        for (String url : options.metricsUrls()) {
            String body = scrape(url);
            ticksAtStart.put(url, tickBuckets(body, TICK_DURATION));
            tickCpuAtStart.put(url, tickBuckets(body, TICK_CPU));
        }
        try (ExecutorService bots = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < options.players(); i++) {
                long startAt = start + (long) (i / options.rampPerSecond() * 1e9);
                int index = i;
                bots.submit(() -> {
                    try {
                        sleepUntil(startAt);
                        bot(index, end);
                    } finally {
                        done.countDown();
                    }
                });
            }
            long lastSnapshots = 0;
            while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                long now = snapshots.sum();
                out.printf(Locale.ROOT, "\r[%3ds] connected %d, in world %d, errors %d, snapshots %d/s   ",
                        (System.nanoTime() - start) / 1_000_000_000L, connected.get(), inWorld.get(), errorCount(),
                        now - lastSnapshots);
                out.flush();
                lastSnapshots = now;
            }
        }
        out.println();
        return report();
    }

    private void bot(int index, long end) {
        String user = "load_" + options.run() + "_" + index;
        try {
            AuthClient auth = new AuthClient(endpoints.authUrl(), http, Duration.ofSeconds(15));
            long t0 = System.nanoTime();
            withRetries(() -> auth.loginOrRegister(user, "load-password-" + user));
            record("login", t0);
            AuthClient.Character character = auth.characters().stream().findFirst().orElseGet(() -> {
                AuthClient.Character created = auth.createCharacter(PlayBot.characterName("L" + options.run() + "x" + index), "1");
                int mapId = options.maps().get(index % options.maps().size());
                if (!String.valueOf(mapId).equals(created.mapId())) {
                    moveToMap(created.id(), mapId);
                }
                return created;
            });
            try (GatewayClient gateway = GatewayClient.connect(endpoints.gatewayUrl(), auth.accessToken(), Duration.ofSeconds(15), http)) {
                connected.incrementAndGet();
                long t1 = System.nanoTime();
                MapAssignment where = gateway.enterWorld(character.id());
                record("enter_world", t1);
                // A bot that walks through a gate follows it (join_map), as a player would.
                while (where != null && System.nanoTime() < end) {
                    int movedTo = visit(where, end, index);
                    if (movedTo <= 0) {
                        break;
                    }
                    long t3 = System.nanoTime();
                    where = gateway.joinMap(movedTo);
                    record("join_map", t3);
                }
            } finally {
                connected.decrementAndGet();
            }
        } catch (ApiException e) {
            error(e.code());
        } catch (GatewayException e) {
            error(e.code());
        } catch (MapRejectedException e) {
            error(e.code());
        } catch (RuntimeException e) {
            error(e.getClass().getSimpleName());
        }
    }

    /** One stay on one map server; returns the map a gate moved the bot to, or 0. */
    private int visit(MapAssignment where, long end, int index) {
        long t2 = System.nanoTime();
        int[] lastMob = {0};
        AtomicInteger transfer = new AtomicInteger();
        try (MapClient map = MapClient.connect(where.mapIp(), where.mapPort(), where.ticket(), Duration.ofSeconds(15),
                new MapListener() {
                    @Override
                    public void snapshot(Snapshot snapshot) {
                        snapshots.increment();
                    }

                    @Override
                    public void entered(EntityEntered entity) {
                        if (entity.kind == EntityEntered.KIND_MOB) {
                            lastMob[0] = entity.id;
                        }
                    }

                    @Override
                    public void transfer(MapTransfer moved) {
                        transfer.set(moved.mapId);
                    }

                    @Override
                    public void rejected(Rejected rejected) {
                        if (!"MAP_TRANSFER".equals(rejected.code)) {
                            error(rejected.code);
                        }
                    }
                })) {
            record("map_auth", t2);
            inWorld.incrementAndGet();
            play(map, lastMob, end, index);
            bytes.add(map.bytesReceived());
            inWorld.decrementAndGet();
        }
        return transfer.get();
    }

    /**
     * What a well-behaved client does when auth-service sheds load (503 SERVER_BUSY, 429
     * RATE_LIMITED): back off and try again, a few times, with jitter.
     */
    private void withRetries(Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (ApiException e) {
                boolean shed = e.status() == 503 || e.status() == 429;
                if (!shed || attempt >= 8) {
                    throw e;
                }
                retries.increment();
                sleepUntil(System.nanoTime() + (long) (Math.min(8, 1 << attempt) * 250_000_000L * (0.5 + Math.random())));
            }
        }
    }

    private void play(MapClient map, int[] lastMob, long end, int index) {
        SplittableRandom random = new SplittableRandom(index);
        long started = System.nanoTime();
        float dx = 0;
        float dy = 0;
        int tick = 0;
        while (System.nanoTime() < end && map.isConnected()) {
            if (tick % 40 == 0) {
                double angle = random.nextDouble(Math.PI * 2);
                dx = (float) Math.cos(angle);
                dy = (float) Math.sin(angle);
            }
            map.move(dx, dy);
            if (tick % 20 == 0 && lastMob[0] > 0) {
                map.attack(lastMob[0]);
            }
            tick++;
            sleepUntil(started + tick * 50_000_000L);
        }
        if (System.nanoTime() < end && map.rejected() == null) {
            error("DISCONNECTED"); // lost the map server before the run ended, without being told why
        }
        worldSeconds.add((System.nanoTime() - started) / 1_000_000_000L);
    }

    private void record(String step, long startNanos) {
        latencies.computeIfAbsent(step, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - startNanos);
    }

    private void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    private long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private boolean report() {
        out.println("step            count    p50 ms    p95 ms    p99 ms");
        for (String step : List.of("login", "enter_world", "map_auth", "join_map")) {
            long[] sorted = latencies.getOrDefault(step, new ConcurrentLinkedQueue<>()).stream().mapToLong(Long::longValue)
                    .sorted().toArray();
            out.printf(Locale.ROOT, "%-14s %6d %9.1f %9.1f %9.1f%n", step, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95),
                    pct(sorted, 0.99));
        }
        long seconds = Math.max(1, worldSeconds.sum());
        out.printf(Locale.ROOT, "snapshots per bot per second: %.1f; bytes per bot per second: %.0f%n",
                snapshots.sum() / (double) seconds, bytes.sum() / (double) seconds);
        for (String url : options.metricsUrls()) {
            String body = scrape(url);
            out.printf(Locale.ROOT, "map server %s: tick p99 during the run %s ms, its CPU time p99 %s ms (histogram bucket bounds)%n",
                    url, tickP99(ticksAtStart.getOrDefault(url, Map.of()), tickBuckets(body, TICK_DURATION)),
                    tickP99(tickCpuAtStart.getOrDefault(url, Map.of()), tickBuckets(body, TICK_CPU)));
        }
        out.printf(Locale.ROOT, "auth-service load shedding retried: %d times%n", retries.sum());
        long failures = errorCount();
        double rate = failures / (double) options.players();
        out.printf(Locale.ROOT, "errors: %d of %d bots (%.2f %%)%s%n", failures, options.players(), rate * 100,
                failures == 0 ? "" : " " + errors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).toList());
        return rate <= options.maxErrorRate();
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    static final String TICK_DURATION = "mmo_map_tick_duration_seconds_bucket";
    static final String TICK_CPU = "mmo_map_tick_cpu_seconds_bucket";

    /** A map server's {@code /metrics} page, empty when it cannot be read (reported as n/a). */
    private static String scrape(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** One of the map server's tick histograms: bucket upper bound (seconds) → cumulative count. */
    static Map<Double, Long> tickBuckets(String metrics, String histogram) {
        Map<Double, Long> buckets = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^" + histogram + "\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, (long) Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    /** p99 of the ticks between two scrapes, as the upper bound of the bucket that holds it. */
    static String tickP99(Map<Double, Long> before, Map<Double, Long> after) {
        if (after.isEmpty()) {
            return "n/a";
        }
        long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        if (total <= 0) {
            return "n/a";
        }
        for (Map.Entry<Double, Long> bucket : after.entrySet()) {
            long count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
            if (count >= Math.ceil(total * 0.99)) {
                return bucket.getKey().isInfinite() ? "> max" : String.format(Locale.ROOT, "%.2f", bucket.getKey() * 1000);
            }
        }
        return "n/a";
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait)); // pacing: the ramp and the 20 Hz input loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Puts a new character on {@code mapId} through auth-service's internal state write (the one map
     * servers use at a gate), saved as "dead" so the map server brings it in at that map's spawn point.
     */
    private void moveToMap(String characterId, int mapId) {
        String url = endpoints.authUrl() + "/characters/" + characterId + "/internal";
        String key = System.getenv().getOrDefault("INTERNAL_API_KEY", DEV_INTERNAL_API_KEY);
        try {
            HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Internal-Key", key)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode character = JSON.readTree(current.body());
            if (current.statusCode() != 200) {
                throw new ApiException(current.statusCode(), character.path("code").asString("INTERNAL"), "internal read failed");
            }
            String state = JSON.writeValueAsString(Map.of("map_id", mapId, "position", Map.of("x", 0, "y", 0), "hp", 0,
                    "mp", character.path("mp").asInt(), "level", character.path("level").asInt(),
                    "exp", character.path("exp").asLong(), "version", character.path("version").asLong()));
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(url + "/state"))
                    .header("X-Internal-Key", key).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(state)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (moved.statusCode() != 200) {
                throw new ApiException(moved.statusCode(), JSON.readTree(moved.body()).path("code").asString("INTERNAL"),
                        "internal state write failed");
            }
        } catch (java.io.IOException e) {
            throw new ApiException(0, "UNREACHABLE", "auth-service: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "INTERRUPTED", "interrupted");
        }
    }

    private static final String DEV_INTERNAL_API_KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Options parse(Map<String, String> options) {
        int players = Integer.parseInt(options.getOrDefault("--players", "10"));
        String ramp = options.getOrDefault("--ramp", "10/s");
        double perSecond = Double.parseDouble(ramp.endsWith("/s") ? ramp.substring(0, ramp.length() - 2) : ramp);
        if (players < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("--players and --ramp must be positive");
        }
        List<String> metrics = new ArrayList<>(Arrays.asList(options.getOrDefault("--metrics",
                "http://localhost:5001/metrics,http://localhost:5002/metrics").split(",")));
        metrics.removeIf(String::isBlank);
        return new Options(players, Durations.parse(options.getOrDefault("--duration", "60s")), perSecond,
                Double.parseDouble(options.getOrDefault("--max-error-rate", "0.001")), metrics,
                options.getOrDefault("--run", Long.toString(System.currentTimeMillis() % 100_000, 36)),
                Arrays.stream(options.getOrDefault("--maps", "1").split(",")).map(String::strip).map(Integer::valueOf).toList());
    }
}
