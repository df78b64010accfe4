package com.mmorpg.gateway.bench;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.content.WorldContent;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestPostgres;
import com.mmorpg.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: the gateway holding many authenticated WebSocket connections (RSS and heap per
 * 1,000), and enter_world round trips through the real auth-service and world-directory while they
 * are held. All three services run as separate processes, as in production. Run with
 * {@code bench/gateway.sh}.
 */
public final class GatewayBenchmark {

    private static final String JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
    private static final String KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(System.getProperty("bench.connections", "5000"));
        int players = Integer.parseInt(System.getProperty("bench.players", "20"));
        int ratePerPlayer = Integer.parseInt(System.getProperty("bench.ratePerPlayer", "10"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "20"));

        List<String> extraFlags = System.getProperty("bench.serviceFlags", "").isBlank()
                ? List.of() : List.of(System.getProperty("bench.serviceFlags").split("[ ,]"));
        PostgresDatabase database = TestPostgres.newDatabase();
        RedisDatabase redis = TestRedis.newDatabase();
        int authPort = ServiceProcess.freePort();
        int worldPort = ServiceProcess.freePort();
        int gatewayPort = ServiceProcess.freePort();
        String authUrl = "http://127.0.0.1:" + authPort;
        String worldUrl = "http://127.0.0.1:" + worldPort;
        try (ServiceProcess auth = ServiceProcess.start("auth", Path.of("auth-service/target/auth-service.jar"),
                        Map.of("PORT", "" + authPort, "DATABASE_URL", database.url(), "REDIS_URL", redis.url(), "BCRYPT_COST", "4",
                                "REGISTER_RATE_PER_IP", "100000", "LOGGING_LEVEL_COM_MMORPG", "WARN"), flags(extraFlags, "-Xmx512m"));
             ServiceProcess world = ServiceProcess.start("world", Path.of("world-directory/target/world-directory.jar"),
                        Map.of("PORT", "" + worldPort, "REDIS_URL", redis.url(), "MAP_SERVER_TTL", "1h",
                                "LOGGING_LEVEL_COM_MMORPG", "WARN"), flags(extraFlags, "-Xmx512m"));
             ServiceProcess gateway = ServiceProcess.start("gateway", Path.of("gateway-service/target/gateway-service.jar"),
                        Map.of("GATEWAY_PORT", "" + gatewayPort, "AUTH_SERVICE_URL", authUrl, "WORLD_DIRECTORY_URL", worldUrl,
                                "REDIS_URL", redis.url(), "ENTRIES_PER_MINUTE", "100000", "LOGGING_LEVEL_COM_MMORPG", "WARN"),
                        // as deployed (deploy/k8s, docker-compose.yml): the serial collector for the gateway
                        flags(extraFlags, "-Xmx1g", "-XX:+UseSerialGC"))) {
            auth.awaitHealthy(authUrl, Duration.ofSeconds(120));
            world.awaitHealthy(worldUrl, Duration.ofSeconds(120));
            gateway.awaitHealthy("http://127.0.0.1:" + gatewayPort, Duration.ofSeconds(120));
            HttpClient http = HttpClient.newHttpClient();
            post(http, worldUrl + "/map-registry/register", "{\"id\":\"map-server-1\",\"ip\":\"127.0.0.1\",\"port\":4001,"
                    + "\"supported_maps\":[1],\"max_players\":10000,\"content_version\":\""
                    + WorldContent.load(Path.of("..", "content")).version() + "\"}", null); // what auth-service runs

            System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            URI ws = URI.create("ws://127.0.0.1:" + gatewayPort + "/ws?token=");
            AccessTokenCodec tokens = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null),
                    Duration.ofHours(1), Clock.systemUTC());
            HttpClient wsClient = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

            // 1. Idle connections, 1,000 at a time; RSS and heap after a full GC at each step.
            String gatewayMetrics = "http://127.0.0.1:" + gatewayPort + "/actuator/prometheus";
            long[] rss = new long[connections / 1000 + 1];
            long[] heap = new long[connections / 1000 + 1];
            gc(gateway.pid());
            rss[0] = gateway.residentBytes();
            heap[0] = heapUsed(http, gatewayMetrics);
            Map<String, long[]> histogramBefore = histogram(gateway.pid());
            List<WebSocket> idle = new ArrayList<>();
            for (int step = 1; step * 1000 <= connections; step++) {
                CountDownLatch welcomed = new CountDownLatch(1000);
                List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    String user = "idle-" + step + "-" + i;
                    opening.add(wsClient.newWebSocketBuilder()
                            .buildAsync(URI.create(ws + tokens.issue(user).token()), new CountingListener(welcomed)));
                    if (i % 100 == 99) {
                        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
                    }
                }
                opening.forEach(f -> idle.add(f.join()));
                if (!welcomed.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("connections not welcomed: " + welcomed.getCount() + " missing");
                }
                gc(gateway.pid());
                rss[step] = gateway.residentBytes();
                heap[step] = heapUsed(http, gatewayMetrics);
                System.out.printf(Locale.ROOT, "%,6d connections: gateway RSS %6.1f MB, heap used %6.1f MB%n",
                        step * 1000, rss[step] / 1e6, heap[step] / 1e6);
            }
            int steps = connections / 1000;
            System.out.printf(Locale.ROOT, "per 1,000 idle connections: RSS +%.1f MB, heap +%.1f MB (target RSS <= 15 MB, heap <= 5 MB)%n",
                    (rss[steps] - rss[0]) / 1e6 / steps, (heap[steps] - heap[0]) / 1e6 / steps);
            printPerConnection(histogramBefore, histogram(gateway.pid()), steps * 1000);
            System.out.printf(Locale.ROOT, "load generator: RSS %.1f MB holding %,d connections (its own JDK WebSocket clients)%n",
                    ownResidentBytes() / 1e6, idle.size());
            long hold = Long.getLong("bench.holdSeconds", 0);
            if (hold > 0) {
                System.out.printf(Locale.ROOT, "holding %,d connections for %d s (gateway pid %d)%n", idle.size(), hold, gateway.pid());
                Thread.sleep(hold * 1000);
            }

            // 2. enter_world round trips while those connections are held.
            List<Player> active = new ArrayList<>();
            for (int i = 0; i < players; i++) {
                String token = post(http, authUrl + "/auth/register",
                        "{\"username\":\"bench_" + i + "\",\"password\":\"correct-horse-1\"}", null).get("access_token").asString();
                String character = post(http, authUrl + "/characters", "{\"name\":\"Bench" + i + "\",\"class_id\":\"1\"}", token)
                        .get("id").asString();
                Player player = new Player(character);
                CountDownLatch welcomed = new CountDownLatch(1);
                player.welcome = welcomed;
                player.socket = wsClient.newWebSocketBuilder().buildAsync(URI.create(ws + token), player).join();
                welcomed.await(30, TimeUnit.SECONDS);
                active.add(player);
            }
            run(active, ratePerPlayer, Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "30")))); // JIT warm-up of all three services
            Result result = run(active, ratePerPlayer, Duration.ofSeconds(seconds));
            System.out.printf(Locale.ROOT, "enter_world at %d/s offered (%d players x %d/s, %,d idle connections held): "
                            + "%.1f/s done, p50 %.2f ms, p99 %.2f ms, errors %d (target p99 < 25 ms)%n",
                    players * ratePerPlayer, players, ratePerPlayer, idle.size(), result.perSecond, result.p50, result.p99,
                    result.errors);
            // Twice the rate, still under the per-connection limit of 20 messages/s.
            Result higher = run(active, 2 * ratePerPlayer, Duration.ofSeconds(seconds));
            System.out.printf(Locale.ROOT, "enter_world at %d/s offered: %.1f/s done, p50 %.2f ms, p99 %.2f ms, errors %d%n",
                    2 * players * ratePerPlayer, higher.perSecond, higher.p50, higher.p99, higher.errors);
            idle.forEach(WebSocket::abort);
        }
    }

    private static List<String> flags(List<String> extra, String... defaults) {
        List<String> all = new ArrayList<>(List.of(defaults));
        all.addAll(extra); // later flags win (e.g. another -Xmx)
        return all;
    }

    record Result(double perSecond, double p50, double p99, long errors) {
    }

    /** Open loop: each player sends enter_world at a fixed rate; each answer closes its oldest request. */
    static Result run(List<Player> players, int ratePerPlayer, Duration duration) throws Exception {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        AtomicLong sent = new AtomicLong();
        players.forEach(Player::reset);
        long periodMicros = 1_000_000L / ratePerPlayer;
        long started = System.nanoTime();
        for (int i = 0; i < players.size(); i++) {
            Player player = players.get(i);
            timer.scheduleAtFixedRate(() -> {
                player.pending.add(System.nanoTime());
                player.socket.sendText("{\"event\":\"enter_world\",\"data\":{\"character_id\":\"" + player.character + "\"}}", true);
                sent.incrementAndGet();
            }, i * periodMicros / players.size(), periodMicros, TimeUnit.MICROSECONDS);
        }
        timer.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
        timer.shutdownNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (players.stream().anyMatch(p -> !p.pending.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Player player : players) {
            all.addAll(player.latencies);
            errors += player.errors.get();
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length / elapsed, percentile(sorted, 0.5), percentile(sorted, 0.99), errors);
    }

    static final class Player implements WebSocket.Listener {
        final String character;
        final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong errors = new AtomicLong();
        final StringBuilder partial = new StringBuilder();
        volatile CountDownLatch welcome;
        WebSocket socket;

        Player(String character) {
            this.character = character;
        }

        void reset() {
            pending.clear();
            latencies.clear();
            errors.set(0);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.contains("\"welcome\"")) {
                    welcome.countDown();
                } else {
                    Long sentAt = pending.poll();
                    if (sentAt != null) {
                        latencies.add((System.nanoTime() - sentAt) / 1000);
                    }
                    if (!message.contains("enter_world_success")) {
                        errors.incrementAndGet();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    static final class CountingListener implements WebSocket.Listener {
        private final CountDownLatch welcomed;

        CountingListener(CountDownLatch welcomed) {
            this.welcomed = welcomed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                welcomed.countDown();
            }
            webSocket.request(1);
            return null;
        }
    }

    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p * sortedMicros.length) - 1)] / 1000.0;
    }

    private static long ownResidentBytes() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** {@code jcmd GC.class_histogram} (after a full GC): class name to {instances, bytes}. */
    private static Map<String, long[]> histogram(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                "GC.class_histogram").redirectErrorStream(true).start();
        Map<String, long[]> classes = new java.util.HashMap<>();
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        try (var lines = jcmd.inputReader().lines()) {
            lines.forEach(line -> {
                Matcher m = row.matcher(line);
                if (m.find()) {
                    classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            });
        }
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return classes;
    }

    /** What one idle connection holds on the heap: the classes that grew most between two histograms. */
    private static void printPerConnection(Map<String, long[]> before, Map<String, long[]> after, int connections) {
        record Growth(String name, double instances, double bytes) {
        }
        List<Growth> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            growth.add(new Growth(entry.getKey(), (entry.getValue()[0] - was[0]) / (double) connections,
                    (entry.getValue()[1] - was[1]) / (double) connections));
        }
        growth.sort((a, b) -> Double.compare(b.bytes(), a.bytes()));
        double total = growth.stream().mapToDouble(Growth::bytes).sum();
        System.out.printf(Locale.ROOT, "heap per idle connection (class histograms, live objects): %.0f bytes; largest:%n", total);
        growth.stream().limit(Integer.getInteger("bench.histogramRows", 15)).forEach(g -> System.out.printf(Locale.ROOT,
                "  %8.0f B  %6.1f objects  %s%n", g.bytes(), g.instances(), g.name()));
    }

    private static void gc(long pid) throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), "GC.run")
                .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(500);
    }

    private static long heapUsed(HttpClient http, String metricsUrl) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return (long) total;
    }

    private static tools.jackson.databind.JsonNode post(HttpClient http, String url, String json, String bearer) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Internal-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

}
