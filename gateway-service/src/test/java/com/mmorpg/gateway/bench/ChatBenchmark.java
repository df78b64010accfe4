package com.mmorpg.gateway.bench;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Not a test: chat as players meet it. Two gateway processes (the packaged jar, as deployed) share
 * one Redis; {@code bench.players} players hold WebSockets to them (half each), in the world on
 * {@code bench.maps} maps; lines are said at {@code bench.worldRate} per second on {@code world} and
 * {@code bench.mapRate} on {@code map}, each by a different player in turn (within every player's own
 * limits). Each line carries the load generator's send time, so every delivery is timed from the
 * moment it was said to the moment a listener read it. CPU per process (gateways, Redis, this load
 * generator) and per gateway thread comes from {@code /proc}. auth-service and world-directory are a
 * stub in this JVM (they only serve the entries, before the measurement). Run with {@code bench/chat.sh}.
 */
public final class ChatBenchmark {

    private static final String JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        int players = Integer.getInteger("bench.players", 2000);
        int maps = Integer.getInteger("bench.maps", 10);
        double worldRate = Double.parseDouble(System.getProperty("bench.worldRate", "100"));
        double mapRate = Double.parseDouble(System.getProperty("bench.mapRate", "500"));
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 20);

        RedisDatabase redis = TestRedis.newDatabase();
        try (HttpStub stub = new HttpStub()) {
            stub.fallback((method, path) -> dependencies(method, path, maps));
            int portA = ServiceProcess.freePort();
            int portB = ServiceProcess.freePort();
            try (ServiceProcess a = gateway("chat-bench-a", portA, stub.url(), redis);
                 ServiceProcess b = gateway("chat-bench-b", portB, stub.url(), redis)) {
                a.awaitHealthy("http://127.0.0.1:" + portA, Duration.ofSeconds(120));
                b.awaitHealthy("http://127.0.0.1:" + portB, Duration.ofSeconds(120));
                System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.version"));
                List<Player> all = enter(players, maps, portA, portB);
                System.out.printf(Locale.ROOT, "players: %,d in the world over 2 gateways and %d maps (%d per map)%n",
                        players, maps, players / maps);
                long redisPid = redisPid(redis.port());

                run(all, worldRate, mapRate, Duration.ofSeconds(warmup)); // JIT warm-up of everything
                Map<String, Long> before = threads(a.pid());
                long writesBefore = writes(a.pid()) + writes(b.pid());
                long[] cpuBefore = {cpu(a.pid()), cpu(b.pid()), redisPid > 0 ? cpu(redisPid) : 0, cpu(ProcessHandle.current().pid())};
                long started = System.nanoTime();
                Result result = run(all, worldRate, mapRate, Duration.ofSeconds(seconds));
                double elapsed = (System.nanoTime() - started) / 1e9;
                long[] cpuAfter = {cpu(a.pid()), cpu(b.pid()), redisPid > 0 ? cpu(redisPid) : 0, cpu(ProcessHandle.current().pid())};
                Map<String, Long> after = threads(a.pid());
                long writesDone = writes(a.pid()) + writes(b.pid()) - writesBefore;
                System.out.printf(Locale.ROOT, "gateway writes: %,.0f/s (both), %.1f deliveries per write%n", writesDone / elapsed,
                        (double) result.received() / Math.max(1, writesDone));
                report(result, players, maps, worldRate, mapRate, seconds, elapsed, cpuBefore, cpuAfter, before, after, redisPid);
                all.forEach(player -> player.socket.abort());
            }
        }
    }

    private static ServiceProcess gateway(String id, int port, String stubUrl, RedisDatabase redis) throws IOException {
        return ServiceProcess.start(id, Path.of("gateway-service/target/gateway-service.jar"), Map.of(
                "GATEWAY_PORT", String.valueOf(port), "GATEWAY_ID", id, "AUTH_SERVICE_URL", stubUrl,
                "WORLD_DIRECTORY_URL", stubUrl, "REDIS_URL", redis.url(),
                "ENTRIES_PER_MINUTE", "100000", "LOGGING_LEVEL_COM_MMORPG", "WARN",
                "CHAT_FLUSH_INTERVAL", System.getProperty("bench.flushInterval", "0s")),
                // as deployed (deploy/k8s, docker-compose.yml): the serial collector for the gateway; more flags
                // (a profiler) in bench.gatewayFlags
                Stream.concat(Stream.of("-Xmx1g", "-XX:+UseSerialGC"),
                        Stream.of(System.getProperty("bench.gatewayFlags", "").split(" ")).filter(flag -> !flag.isBlank())).toList());
    }

    /** auth-service and world-directory as the gateway needs them: sessions, characters (id = user id), map servers. */
    private static HttpStub.Answer dependencies(String method, String path, int maps) {
        if (method.equals("POST") && path.equals("/session/online")) {
            return new HttpStub.Answer(200, Contracts.online(1, null), 0);
        }
        if (method.equals("POST") && path.equals("/session/refresh")) {
            return new HttpStub.Answer(200, Contracts.refreshed(List.of()), 0);
        }
        if (method.equals("DELETE")) {
            return new HttpStub.Answer(204, "", 0);
        }
        if (path.startsWith("/characters/") && path.endsWith("/internal")) {
            String id = path.substring("/characters/".length(), path.length() - "/internal".length());
            int map = (int) (Long.parseLong(id) % maps) + 1;
            return new HttpStub.Answer(200, Contracts.json(Contracts.character(id, id, "P" + id, map, 100, 100, 1, 0, 100, 100,
                    10, 10, 1, 10, 5)), 0);
        }
        if (path.startsWith("/map-registry/map/")) {
            return new HttpStub.Answer(200, Contracts.allocation("map-server-1", "127.0.0.1", 4001, 0, 100_000), 0);
        }
        return new HttpStub.Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);
    }

    private static List<Player> enter(int players, int maps, int portA, int portB) throws Exception {
        AccessTokenCodec tokens = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null), Duration.ofHours(2),
                Clock.systemUTC());
        // Each JDK HttpClient reads all its sockets on one selector thread; more clients spread them over more
        // threads (on this 2-core machine one did best: more threads only took turns with the gateways).
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("bench.clients", 1); i++) {
            clients.add(HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build());
        }
        List<Player> all = new ArrayList<>();
        for (int from = 0; from < players; from += 100) {
            List<Player> batch = new ArrayList<>();
            for (int i = from; i < Math.min(players, from + 100); i++) {
                long id = i + 1;
                Player player = new Player(id, (int) (id % maps) + 1);
                int port = i % 2 == 0 ? portA : portB;
                player.socket = clients.get(i % clients.size()).newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token="
                        + tokens.issue(String.valueOf(id)).token()), player).join();
                batch.add(player);
            }
            for (Player player : batch) {
                if (!player.welcomed.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no welcome for player " + player.id);
                }
                player.send("{\"event\":\"enter_world\",\"data\":{\"character_id\":\"" + player.id + "\"}}");
            }
            for (Player player : batch) {
                if (!player.entered.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("player " + player.id + " did not enter: " + player.errors);
                }
            }
            all.addAll(batch);
        }
        return all;
    }

    record Result(long worldSent, long mapSent, long expected, long received, Histogram latencies, Map<String, Long> errors) {
    }

    /** Says lines at the offered rates for {@code duration}, then waits up to 5 s for what is still on its way. */
    static Result run(List<Player> players, double worldRate, double mapRate, Duration duration) throws Exception {
        Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        LongAdder received = new LongAdder();
        long runStarted = System.nanoTime();
        players.forEach(player -> {
            player.runStarted = runStarted;
            player.errors.clear();
            player.latencies = latencies;
            player.received = received;
        });
        Map<Integer, Integer> onMap = new HashMap<>();
        players.forEach(player -> onMap.merge(player.map, 1, Integer::sum));
        AtomicLong world = new AtomicLong();
        AtomicLong map = new AtomicLong();
        AtomicLong expected = new AtomicLong();
        long[] next = {0, players.size() / 2};
        double[] owed = {0, 0};
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long periodMillis = 10;
        timer.scheduleAtFixedRate(() -> {
            owed[0] += worldRate * periodMillis / 1000.0;
            owed[1] += mapRate * periodMillis / 1000.0;
            for (; owed[0] >= 1; owed[0]--) {
                Player speaker = players.get((int) (next[0]++ % players.size()));
                speaker.say("world");
                world.incrementAndGet();
                expected.addAndGet(players.size());
            }
            for (; owed[1] >= 1; owed[1]--) {
                next[1] += 7; // another player, and over time every one of them
                Player speaker = players.get((int) (next[1] % players.size()));
                speaker.say("map");
                map.incrementAndGet();
                expected.addAndGet(onMap.get(speaker.map));
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        Thread.sleep(duration.toMillis());
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.sum() < expected.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Long> errors = new HashMap<>();
        players.forEach(player -> player.errors.forEach((code, count) -> errors.merge(code, count.sum(), Long::sum)));
        return new Result(world.get(), map.get(), expected.get(), received.sum(), latencies, errors);
    }

    private static void report(Result result, int players, int maps, double worldRate, double mapRate, int seconds,
            double elapsed, long[] before, long[] after, Map<String, Long> threadsBefore, Map<String, Long> threadsAfter,
            long redisPid) {
        long lines = result.worldSent() + result.mapSent();
        double gatewayMs = (after[0] - before[0] + after[1] - before[1]) * 1000.0 / CLOCK_TICKS;
        Histogram h = result.latencies();
        System.out.printf(Locale.ROOT, "offered: world %.0f/s, map %.0f/s for %d s; said: world %,d, map %,d; refused: %s%n",
                worldRate, mapRate, seconds, result.worldSent(), result.mapSent(), result.errors());
        System.out.printf(Locale.ROOT, "deliveries: %,d of %,d expected (%.2f %%), %,.0f/s%n", result.received(), result.expected(),
                100.0 * result.received() / Math.max(1, result.expected()), result.received() / elapsed);
        System.out.printf(Locale.ROOT, "delivery latency (said -> read by a listener): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
        System.out.printf(Locale.ROOT, "gateway CPU: a %.0f %%, b %.0f %% of one core; both: %.1f ms per 1,000 lines, %.2f ms per 1,000 deliveries%n",
                100.0 * (after[0] - before[0]) / CLOCK_TICKS / elapsed, 100.0 * (after[1] - before[1]) / CLOCK_TICKS / elapsed,
                gatewayMs / Math.max(1, lines) * 1000, gatewayMs / Math.max(1, result.received()) * 1000);
        System.out.printf(Locale.ROOT, "redis CPU: %s; load generator CPU: %.0f %% of one core (its %,d JDK WebSocket clients)%n",
                redisPid > 0 ? String.format(Locale.ROOT, "%.0f %% of one core", 100.0 * (after[2] - before[2]) / CLOCK_TICKS / elapsed)
                        : "n/a (not a local process)",
                100.0 * (after[3] - before[3]) / CLOCK_TICKS / elapsed, players);
        System.out.println("gateway a threads, CPU ms in the measurement:");
        threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %8.0f ms  %s%n", e.getValue() * 1000.0 / CLOCK_TICKS, e.getKey()));
    }

    /** Write system calls the process made so far ({@code syscw} of {@code /proc/<pid>/io}). */
    private static long writes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
            if (line.startsWith("syscw:")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        return 0;
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpu(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU ticks per thread name (digits folded: "qtp-12" and "qtp-13" are one pool). */
    private static Map<String, Long> threads(long pid) throws IOException {
        Map<String, Long> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    byName.merge(name, ticks(Files.readString(task.resolve("stat"))), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    /** The local redis-server listening on {@code port}, or 0. */
    private static long redisPid(int port) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains("redis-server") && command.contains(String.valueOf(port))) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // not ours to read, or gone
                }
            }
        }
        return 0;
    }

    /** One player: its socket, where it is, and what it heard. */
    static final class Player implements WebSocket.Listener {

        final long id;
        final int map;
        final CountDownLatch welcomed = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final StringBuilder partial = new StringBuilder();
        volatile Histogram latencies;
        volatile LongAdder received;
        /** Lines said before this (a backlog of the previous run) are not counted. */
        volatile long runStarted;
        WebSocket socket;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        Player(long id, int map) {
            this.id = id;
            this.map = map;
        }

        /** A line carrying the send time (this JVM's nanoTime), about as long as a real one. */
        void say(String channel) {
            send("{\"event\":\"chat_send\",\"data\":{\"channel\":\"" + channel + "\",\"text\":\"t" + System.nanoTime()
                    + " looking for a group at the east gate, anyone?\"}}");
        }

        /** One send at a time per socket (the JDK client refuses overlapping sends). */
        synchronized void send(String text) {
            sending = sending.thenCompose(ignored -> socket.sendText(text, true));
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                heard(partial);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void heard(CharSequence message) {
            String text = message.toString();
            if (text.startsWith("{\"event\":\"chat_message\"")) {
                int at = text.indexOf("\"text\":\"t");
                if (at > 0) {
                    int from = at + 9;
                    int to = text.indexOf(' ', from);
                    long sentAt = Long.parseLong(text, from, to, 10);
                    if (sentAt - runStarted >= 0) {
                        latencies.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
                        received.increment();
                    }
                }
            } else if (text.startsWith("{\"event\":\"welcome\"")) {
                welcomed.countDown();
            } else if (text.startsWith("{\"event\":\"enter_world_success\"")) {
                entered.countDown();
            } else if (text.startsWith("{\"event\":\"error\"")) {
                int at = text.indexOf("\"code\":\"");
                String code = at < 0 ? "?" : text.substring(at + 8, text.indexOf('"', at + 8));
                errors.computeIfAbsent(code, c -> new LongAdder()).increment();
            }
        }
    }
}
