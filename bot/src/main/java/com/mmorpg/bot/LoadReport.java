package com.mmorpg.bot;

import com.mmorpg.bot.swarm.Swarm;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code bot load} counts while it runs and prints: a progress line every second, then latency percentiles
 * of each step, errors by code, snapshots and bytes per bot per second, the map servers' tick p99 from their
 * {@code /metrics}, the full-strength window's CPU (this process's and {@code --server-pid}'s, from {@code /proc}),
 * and with {@code --items} / {@code --rejoin} what the bots did with items and how often they entered again.
 */
final class LoadReport {

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger inWorld = new AtomicInteger();
    final AtomicInteger entered = new AtomicInteger();
    final LongAdder bytes = new LongAdder();
    final LongAdder worldSeconds = new LongAdder();
    /** Retried as a client would: auth-service shedding load, SERVICE_UNAVAILABLE. */
    final LongAdder retries = new LongAdder();
    final LongAdder rejoins = new LongAdder();
    private final LoadOptions options;
    private final Swarm swarm;
    private final PrintStream out;
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Map<Double, Long>> ticksAtStart = new ConcurrentHashMap<>();
    private final Map<String, Map<Double, Long>> tickCpuAtStart = new ConcurrentHashMap<>();
    private FullStrength window;
    private long start;
    private long lastSnapshots;

    LoadReport(LoadOptions options, Swarm swarm, PrintStream out) {
        this.options = options;
        this.swarm = swarm;
        this.out = out;
    }

    /** The run starts now and ends at {@code end}: the map servers' tick histograms as they are before it. */
    void started(long startNanos, long end) {
        start = startNanos;
        for (String url : options.metricsUrls()) {
            String body = TickHistograms.scrape(url);
            ticksAtStart.put(url, TickHistograms.buckets(body, TickHistograms.TICK_DURATION));
            tickCpuAtStart.put(url, TickHistograms.buckets(body, TickHistograms.TICK_CPU));
        }
        window = new FullStrength(start, end);
    }

    /** Once a second: the progress line. */
    void progress() {
        window.sample(entered.get() >= options.players());
        long now = swarm.stats().snapshots.sum();
        out.printf(Locale.ROOT, "\r[%3ds] connected %d, in world %d, errors %d, snapshots %d/s   ",
                (System.nanoTime() - start) / 1_000_000_000L, connected.get(), inWorld.get(), errorCount(),
                now - lastSnapshots);
        out.flush();
        lastSnapshots = now;
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
                options.metricsUrls().forEach(url -> metricsAtStart.put(url, TickHistograms.scrape(url)));
            } else if (generatorStart != null && generatorEnd == null && end - now <= 2_000_000_000L) {
                generatorEnd = ProcessCpu.read(ProcessHandle.current().pid());
                serverEnd = options.serverPid() > 0 ? ProcessCpu.read(options.serverPid()) : null;
                snapshotsEnd = swarm.stats().snapshots.sum();
                bytesEnd = swarm.stats().bytesIn.sum();
                options.metricsUrls().forEach(url -> metricsAtEnd.put(url, TickHistograms.scrape(url)));
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
                        TickHistograms.p99(TickHistograms.buckets(before, TickHistograms.TICK_DURATION), TickHistograms.buckets(after, TickHistograms.TICK_DURATION)),
                        TickHistograms.p99(TickHistograms.buckets(before, TickHistograms.TICK_CPU), TickHistograms.buckets(after, TickHistograms.TICK_CPU)));
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

    void record(String step, long startNanos) {
        latencies.computeIfAbsent(step, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - startNanos);
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The final table; true when the error rate stayed under the threshold. */
    boolean print() {
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
            String body = TickHistograms.scrape(url);
            out.printf(Locale.ROOT, "map server %s: tick p99 during the run %s ms, its CPU time p99 %s ms (histogram bucket bounds)%n",
                    url, TickHistograms.p99(ticksAtStart.getOrDefault(url, Map.of()), TickHistograms.buckets(body, TickHistograms.TICK_DURATION)),
                    TickHistograms.p99(tickCpuAtStart.getOrDefault(url, Map.of()), TickHistograms.buckets(body, TickHistograms.TICK_CPU)));
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
}
