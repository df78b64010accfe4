package com.mmorpg.client.bot;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.swarm.Swarm;
import com.mmorpg.client.swarm.SwarmBot;
import com.mmorpg.client.swarm.SwarmException;
import com.mmorpg.common.config.Durations;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /**
     * {@code internalApiKey}: {@code INTERNAL_API_KEY}, or null; only moving characters between maps needs it.
     * {@code items}: the bots loot and trade ({@code --items}); {@code rejoin}: a bot whose map server goes away
     * enters the world again, as a player would, until the run ends ({@code --rejoin}, for chaos runs).
     */
    record Options(int players, Duration duration, double rampPerSecond, double maxErrorRate, List<String> metricsUrls,
            String run, List<Integer> maps, MapOnly mapOnly, long serverPid, int threads, String internalApiKey, boolean items,
            boolean rejoin) {
    }

    /**
     * {@code --map-only}: no gateway; the bots' tickets are minted here with {@code TICKET_SECRET}
     * for the map server of each map at {@code host:basePort + map} ({@code map-server-<map>}), so
     * the map server is loaded without the login path. Accounts and characters still come from
     * auth-service (the map server loads characters from it); with a fixed {@code --run} they are
     * made once and reused.
     */
    record MapOnly(String host, int basePort, String ticketSecret) {
    }

    private final PlayBot.Endpoints endpoints;
    private final Options options;
    private final PrintStream out;
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger inWorld = new AtomicInteger();
    private final LongAdder bytes = new LongAdder();
    /**
     * One HTTP client for every bot's auth calls and gateway WebSocket: each JDK client runs its own
     * selector thread, and a thousand of them cost the load tool more CPU than the bots themselves.
     */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder worldSeconds = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rejoins = new LongAdder();
    private final Map<String, Map<Double, Long>> ticksAtStart = new ConcurrentHashMap<>();
    private final AtomicInteger entered = new AtomicInteger();
    private final Swarm swarm;
    private final MapTicketCodec tickets;
    private final Map<String, Map<Double, Long>> tickCpuAtStart = new ConcurrentHashMap<>();

    LoadRun(PlayBot.Endpoints endpoints, Options options, PrintStream out) {
        this.endpoints = endpoints;
        this.options = options;
        this.out = out;
        this.swarm = new Swarm(options.threads());
        this.tickets = options.mapOnly() == null ? null : new MapTicketCodec(
                SigningKeys.of("TICKET_SECRET", options.mapOnly().ticketSecret(), null), Duration.ofSeconds(30), Clock.systemUTC());
    }

    /**
     * Loads and initializes, on this platform thread, the classes every bot's first call needs
     * (the JWT builder's service lookup, Jackson's record deserializers, the HTTP client). A
     * thousand virtual threads reaching them at once, on 2 carrier threads, deadlocked here: a
     * virtual thread that waits for another's class initialization holds its carrier, and the
     * initializing one then finds none free.
     */
    private void warmUp() {
        if (tickets != null) {
            tickets.issue("map-server-0", "0", "0", 0);
        }
        try {
            new AuthClient(endpoints.authUrl(), http, Duration.ofSeconds(15)).classes();
        } catch (ApiException e) {
            // the bots will say so
        }
    }

    /** Runs the load; returns true when the error rate stayed under the threshold. */
    boolean run() throws InterruptedException {
        warmUp();
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        CountDownLatch done = new CountDownLatch(options.players());
        for (String url : options.metricsUrls()) {
            String body = scrape(url);
            ticksAtStart.put(url, tickBuckets(body, TICK_DURATION));
            tickCpuAtStart.put(url, tickBuckets(body, TICK_CPU));
        }
        FullStrength window = new FullStrength(start, end);
        try (swarm; ExecutorService bots = Executors.newVirtualThreadPerTaskExecutor()) {
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
                window.sample(entered.get() >= options.players());
                long now = swarm.stats().snapshots.sum();
                out.printf(Locale.ROOT, "\r[%3ds] connected %d, in world %d, errors %d, snapshots %d/s   ",
                        (System.nanoTime() - start) / 1_000_000_000L, connected.get(), inWorld.get(), errorCount(),
                        now - lastSnapshots);
                out.flush();
                lastSnapshots = now;
            }
        }
        out.println();
        return report(window);
    }

    /**
     * The part of the run with every bot in the world: from when the last one entered (or the ramp
     * ended) until two seconds before the end. CPU of this process and of the map server ({@code
     * --server-pid}) is read from {@code /proc} at both ends, with snapshots and bytes in between.
     */
    private final class FullStrength {
        private final long end;
        private ProcessCpu generatorStart;
        private ProcessCpu serverStart;
        private ProcessCpu generatorEnd;
        private ProcessCpu serverEnd;
        private long snapshotsStart;
        private long bytesStart;
        private long snapshotsEnd;
        private long bytesEnd;
        private int botsAtStart;
        private final Map<String, String> metricsAtStart = new java.util.HashMap<>();
        private final Map<String, String> metricsAtEnd = new java.util.HashMap<>();

        FullStrength(long start, long end) {
            this.end = end;
        }

        void sample(boolean allIn) {
            long now = System.nanoTime();
            if (generatorStart == null && allIn && end - now > 5_000_000_000L) {
                generatorStart = ProcessCpu.read(ProcessHandle.current().pid());
                serverStart = options.serverPid() > 0 ? ProcessCpu.read(options.serverPid()) : null;
                snapshotsStart = swarm.stats().snapshots.sum();
                bytesStart = swarm.stats().bytesIn.sum();
                botsAtStart = inWorld.get();
                options.metricsUrls().forEach(url -> metricsAtStart.put(url, scrape(url)));
            } else if (generatorStart != null && generatorEnd == null && end - now <= 2_000_000_000L) {
                generatorEnd = ProcessCpu.read(ProcessHandle.current().pid());
                serverEnd = options.serverPid() > 0 ? ProcessCpu.read(options.serverPid()) : null;
                snapshotsEnd = swarm.stats().snapshots.sum();
                bytesEnd = swarm.stats().bytesIn.sum();
                options.metricsUrls().forEach(url -> metricsAtEnd.put(url, scrape(url)));
            }
        }

        void report() {
            if (generatorStart == null || generatorEnd == null) {
                out.println("full strength: not reached (some bots never entered, or the run was too short)");
                return;
            }
            double seconds = (generatorEnd.wallNanos() - generatorStart.wallNanos()) / 1e9;
            int bots = Math.max(1, botsAtStart);
            out.printf(Locale.ROOT, "full strength: %.0f s with %d bots in the world (%s transport, %d threads)%n", seconds,
                    botsAtStart, swarm.transport(), options.threads());
            out.printf(Locale.ROOT, "  per bot per second: %.1f snapshots, %.0f bytes%n",
                    (snapshotsEnd - snapshotsStart) / seconds / bots, (bytesEnd - bytesStart) / seconds / bots);
            for (String url : options.metricsUrls()) {
                String before = metricsAtStart.getOrDefault(url, "");
                String after = metricsAtEnd.getOrDefault(url, "");
                out.printf(Locale.ROOT, "  map server %s: tick p99 %s ms, tick CPU p99 %s ms (histogram bucket bounds)%n", url,
                        tickP99(tickBuckets(before, TICK_DURATION), tickBuckets(after, TICK_DURATION)),
                        tickP99(tickBuckets(before, TICK_CPU), tickBuckets(after, TICK_CPU)));
            }
            if (generatorEnd.available()) {
                double cores = generatorEnd.coresSince(generatorStart);
                out.printf(Locale.ROOT, "  load generator CPU: %.1f %% of a core (%.1f %% per 1,000 bots)%n", cores * 100,
                        cores * 100 * 1000 / bots);
            }
            if (serverStart != null && serverStart.available() && serverEnd.available()) {
                double cores = serverEnd.coresSince(serverStart);
                out.printf(Locale.ROOT, "  map server pid %d CPU: %.1f %% of a core (%.1f %% per 1,000 players)%n",
                        options.serverPid(), cores * 100, cores * 100 * 1000 / bots);
                serverEnd.threadCoresSince(serverStart).entrySet().stream().filter(e -> e.getValue() >= 0.005)
                        .forEach(e -> out.printf(Locale.ROOT, "    thread %-16s %5.1f %%%n", e.getKey(), e.getValue() * 100));
            }
        }
    }

    /** How long a bot keeps retrying while auth-service sheds load. */
    static final Duration SHED_PATIENCE = Duration.ofSeconds(120);

    private void bot(int index, long end) {
        String user = "load_" + options.run() + "_" + index;
        try {
            AuthClient auth = new AuthClient(endpoints.authUrl(), http, Duration.ofSeconds(15));
            long t0 = System.nanoTime();
            withRetries(() -> auth.registerOrLogin(user, "load-password-" + user));
            record("login", t0);
            int mapId = options.maps().get(index % options.maps().size());
            AuthClient.Character character = auth.characters().stream().findFirst().orElseGet(() -> {
                AuthClient.Character created = auth.createCharacter(PlayBot.characterName("L" + options.run() + "x" + index), "1");
                if (!String.valueOf(mapId).equals(created.mapId())) {
                    moveToMap(created.id(), mapId);
                }
                return created;
            });
            if (options.mapOnly() != null) {
                mapOnly(auth, character, mapId, end, index);
                return;
            }
            try (GatewayClient gateway = GatewayClient.connect(endpoints.gatewayUrl(), auth.accessToken(), Duration.ofSeconds(15), http)
                    .followSession(auth)) {
                connected.incrementAndGet();
                play(gateway, character, end, index);
            } finally {
                connected.decrementAndGet();
            }
        } catch (ApiException e) {
            error(e.code());
        } catch (GatewayException e) {
            error(e.code());
        } catch (SwarmException e) {
            error(e.code());
        } catch (RuntimeException e) {
            error(e.getClass().getSimpleName());
        }
    }

    /**
     * In the world through the gateway until the run ends. A bot that walks through a gate follows it
     * (join_map), as a player would; with {@code --rejoin} one whose map server went away (or could not take it
     * yet) enters again after a back-off, counting the loss as an error.
     */
    private void play(GatewayClient gateway, AuthClient.Character character, long end, int index) {
        int next = ENTER;
        for (int attempt = 0; System.nanoTime() < end; ) {
            int target = next;
            try {
                next = target > 0 ? stay(() -> timed("join_map", () -> gateway.joinMap(target)), end, index)
                        : stay(() -> timed("enter_world", () -> gateway.enterWorld(character.id())), end, index);
            } catch (SwarmException | GatewayException e) {
                if (!options.rejoin()) {
                    throw e;
                }
                error(e instanceof SwarmException refused ? refused.code() : ((GatewayException) e).code());
                next = LOST;
            }
            if (next != LOST) {
                attempt = 0;
            }
            if (next == 0 || (next == LOST && !options.rejoin())) {
                return;
            }
            if (next == LOST) {
                rejoins.increment();
                backOff(++attempt);
                next = ENTER;
            }
        }
    }

    private static final int ENTER = -2;
    private static final int LOST = -1;

    /** Straight to the map server with a ticket minted here; back on the same map after a gate. */
    private void mapOnly(AuthClient auth, AuthClient.Character character, int mapId, long end, int index) {
        MapOnly target = options.mapOnly();
        boolean moveBack = !String.valueOf(mapId).equals(character.mapId());
        while (System.nanoTime() < end) {
            if (moveBack) {
                moveToMap(character.id(), mapId);
            }
            if (stay(() -> new MapAssignment(target.host(), target.basePort() + mapId, mapId, "map-server-" + mapId, character.id(),
                    tickets.issue("map-server-" + mapId, character.id(), auth.session().userId(), mapId).token(), 0, 0, 30, null),
                    end, index) <= 0) {
                return;
            }
            moveBack = true; // a gate saved it on another map: put it back, as the next login would
        }
    }

    /**
     * One stay on a map server with a fresh assignment (ticket) from {@code assign}, tried again as a
     * well-behaved client would when the gateway or the map server answers
     * {@code SERVICE_UNAVAILABLE} ("try again": a dependency did not answer in time): back off, a
     * new ticket, a few times.
     */
    private int stay(java.util.function.Supplier<MapAssignment> assign, long end, int index) {
        for (int attempt = 1; ; attempt++) {
            String code;
            RuntimeException failure;
            try {
                return visit(assign.get(), end, index);
            } catch (SwarmException e) {
                code = e.code();
                failure = e;
            } catch (GatewayException e) {
                code = e.code();
                failure = e;
            }
            if (!"SERVICE_UNAVAILABLE".equals(code) || attempt >= 5 || System.nanoTime() >= end) {
                throw failure;
            }
            retries.increment();
            backOff(attempt);
        }
    }

    private <T> T timed(String step, java.util.function.Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        record(step, t0);
        return result;
    }

    /** One stay on one map server; returns the map a gate moved the bot to, 0 at the end of the run, {@link #LOST}. */
    private int visit(MapAssignment where, long end, int index) {
        long t2 = System.nanoTime();
        SwarmBot bot = swarm.connect(where.mapIp(), where.mapPort(), where.ticket(), index, options.items());
        try {
            bot.welcomed().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            bot.close();
            throw e.getCause() instanceof SwarmException refused ? refused : new SwarmException("ERROR", String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            bot.close();
            throw new SwarmException("TIMEOUT", "no Welcome within 15 s");
        } catch (InterruptedException e) {
            bot.close();
            Thread.currentThread().interrupt();
            throw new SwarmException("INTERRUPTED", "interrupted");
        }
        record("map_auth", t2);
        entered.incrementAndGet();
        inWorld.incrementAndGet();
        long started = System.nanoTime();
        SwarmBot.Ending ending = null;
        try {
            ending = bot.ended().get(Math.max(1, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the run is over: the bot was still playing
        } catch (java.util.concurrent.ExecutionException e) {
            ending = new SwarmBot.Ending(null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bot.close();
            inWorld.decrementAndGet();
            worldSeconds.add((System.nanoTime() - started) / 1_000_000_000L);
            bytes.add(bot.bytesIn());
        }
        if (ending == null) {
            return 0;
        }
        if (ending.transferMap() > 0 && ending.rejected() != null && "MAP_TRANSFER".equals(ending.rejected().code)) {
            return ending.transferMap();
        }
        error(ending.rejected() != null ? ending.rejected().code : "DISCONNECTED"); // lost the map server before the end
        return LOST;
    }

    /**
     * What a well-behaved client does when auth-service sheds load (503 SERVER_BUSY, 429
     * RATE_LIMITED): back off with jitter and try again, for as long as a player would wait at a
     * login screen ({@link #SHED_PATIENCE}), not for a fixed few attempts: a burst of logins is
     * served at the speed of bcrypt, and the last in line may wait that long.
     */
    private void withRetries(Runnable call) {
        long giveUpAt = System.nanoTime() + SHED_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (ApiException e) {
                boolean shed = e.status() == 503 || e.status() == 429;
                if (!shed || System.nanoTime() - giveUpAt > 0) {
                    throw e;
                }
                retries.increment();
                backOff(attempt);
            }
        }
    }

    /** Exponential back-off with jitter: 0.5-1 s, then doubling up to 2-4 s. */
    private static void backOff(int attempt) {
        sleepUntil(System.nanoTime() + (long) (Math.min(8, 1 << Math.min(attempt, 3)) * 250_000_000L * (0.5 + Math.random())));
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

    private boolean report(FullStrength window) {
        out.println("step            count    p50 ms    p95 ms    p99 ms");
        for (String step : List.of("login", "enter_world", "map_auth", "join_map")) {
            long[] sorted = latencies.getOrDefault(step, new ConcurrentLinkedQueue<>()).stream().mapToLong(Long::longValue)
                    .sorted().toArray();
            out.printf(Locale.ROOT, "%-14s %6d %9.1f %9.1f %9.1f%n", step, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95),
                    pct(sorted, 0.99));
        }
        long seconds = Math.max(1, worldSeconds.sum());
        out.printf(Locale.ROOT, "snapshots per bot per second: %.1f; bytes per bot per second: %.0f%n",
                swarm.stats().snapshots.sum() / (double) seconds, bytes.sum() / (double) seconds);
        for (String url : options.metricsUrls()) {
            String body = scrape(url);
            out.printf(Locale.ROOT, "map server %s: tick p99 during the run %s ms, its CPU time p99 %s ms (histogram bucket bounds)%n",
                    url, tickP99(ticksAtStart.getOrDefault(url, Map.of()), tickBuckets(body, TICK_DURATION)),
                    tickP99(tickCpuAtStart.getOrDefault(url, Map.of()), tickBuckets(body, TICK_CPU)));
        }
        window.report();
        if (options.items()) {
            Swarm.Stats stats = swarm.stats();
            out.printf(Locale.ROOT, "items: %d pick-ups asked, %d stacks gained, %d item actions refused; trades: %d asked, %d done, "
                    + "%d cancelled%n", stats.pickupsAsked.sum(), stats.itemsGained.sum(), stats.itemRefusals.sum(),
                    stats.tradesAsked.sum(), stats.tradesDone.sum(), stats.tradesCancelled.sum());
        }
        if (options.rejoin()) {
            out.printf(Locale.ROOT, "entered the world again after losing a map server: %d times%n", rejoins.sum());
        }
        out.printf(Locale.ROOT, "retried as a client would (auth-service shedding load, SERVICE_UNAVAILABLE): %d times%n", retries.sum());
        long failures = errorCount();
        double rate = failures / (double) options.players();
        String byCode = failures == 0 ? "" : " " + errors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).toList();
        if (options.rejoin()) { // each a map server lost or an entry refused while one was away, followed by another try
            out.printf(Locale.ROOT, "stays lost or entries refused, each tried again: %d%s%n", failures, byCode);
        } else {
            out.printf(Locale.ROOT, "errors: %d of %d bots (%.2f %%)%s%n", failures, options.players(), rate * 100, byCode);
        }
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
     * Puts a bot's character on {@code mapId} (a new one, or one a gate took elsewhere in an earlier
     * run) through auth-service's internal API, as an operator tool would: it takes the character's
     * lease like a map server (retrying while a map server still hands it over), writes the new map
     * with the version it got, saved as "dead" so the map server brings it in at that map's spawn
     * point, and releases the lease in the same write. Needs the stack's {@code INTERNAL_API_KEY}.
     */
    private void moveToMap(String characterId, int mapId) {
        InternalClient auth = internalAuth();
        try {
            CharacterRecord character = expect(auth.send("GET", CharacterStates.characterPath(characterId), null))
                    .as(CharacterRecord.class);
            Leases.Grant lease = null;
            for (int attempt = 1; lease == null; attempt++) {
                InternalClient.Reply reply = auth.send("POST", Leases.leasePath(characterId),
                        new Leases.Request("bot-load", character.mapNumber(), java.util.UUID.randomUUID().toString(), null));
                if (reply.isSuccess()) {
                    lease = reply.as(Leases.Grant.class);
                } else if (reply.code().equals("CHARACTER_IN_WORLD") && attempt < 40) {
                    sleepUntil(System.nanoTime() + 250_000_000L);
                } else {
                    expect(reply);
                }
            }
            CharacterRecord stored = lease.character();
            expect(auth.send("PUT", CharacterStates.statePath(characterId), new CharacterStates.Update(mapId,
                    new CharacterRecord.Position(0, 0), 0, stored.mp(), stored.level(), stored.exp(), stored.version(),
                    lease.leaseId(), true)));
        } catch (ServiceUnavailableException e) {
            throw new ApiException(0, "UNREACHABLE", e.getMessage());
        }
    }

    /** auth-service's internal API with the stack's key; the bot holds no key of its own. */
    private InternalClient internalAuth() {
        if (options.internalApiKey() == null) {
            throw new ApiException(0, "INTERNAL_API_KEY_MISSING", MISSING_KEY);
        }
        return new InternalClient("auth-service", endpoints.authUrl(), options.internalApiKey(), Duration.ofSeconds(10), http);
    }

    private static InternalClient.Reply expect(InternalClient.Reply reply) {
        if (!reply.isSuccess()) {
            throw new ApiException(reply.status(), reply.code().isEmpty() ? "INTERNAL" : reply.code(),
                    reply.path() + " answered " + reply.status());
        }
        return reply;
    }

    static final String MISSING_KEY = "moving bots' characters between maps uses auth-service's internal API: set "
            + "INTERNAL_API_KEY (./scripts/start-dev.sh keeps its stack's key in .run/internal-api-key, which "
            + "./scripts/bot.sh reads)";
    /** The map servers' development default (scripts/start-dev.sh sets no other). */
    private static final String DEV_TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Options parse(Map<String, String> options) {
        return parse(options, System.getenv());
    }

    static Options parse(Map<String, String> options, Map<String, String> env) {
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
        return new Options(players, Durations.parse(options.getOrDefault("--duration", "60s")), perSecond,
                Double.parseDouble(options.getOrDefault("--max-error-rate", "0.001")), metrics,
                options.getOrDefault("--run", mapOnly != null ? "m" : Long.toString(System.currentTimeMillis() % 100_000, 36)),
                maps, mapOnly, Long.parseLong(options.getOrDefault("--server-pid", "0")), threads, internalApiKey,
                options.containsKey("--items"), options.containsKey("--rejoin"));
    }
}
