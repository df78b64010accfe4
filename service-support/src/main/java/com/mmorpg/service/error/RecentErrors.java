package com.mmorpg.service.error;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors this service answered lately, by code (the {@code mmo.api.errors} counters every
 * problem+json answer increments), for the operations console: a snapshot of the counters is kept
 * every minute for the last {@link #KEPT_MINUTES}, and {@link #lastMinutes} is the difference between
 * now and the snapshot that many minutes old (or the service's start, when younger).
 */
public class RecentErrors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecentErrors.class);

    public static final int KEPT_MINUTES = 60;

    private record Snapshot(long atMillis, Map<String, Double> counts) {
    }

    private final MeterRegistry meters;
    private final Deque<Snapshot> history = new ArrayDeque<>();
    private final ScheduledExecutorService clock;
    private int snapshotsTaken;
    private volatile int failedSnapshots;

    public RecentErrors(MeterRegistry meters) {
        this(meters, TimeUnit.MINUTES.toMillis(1));
    }

    RecentErrors(MeterRegistry meters, long periodMillis) {
        this.meters = meters;
        this.history.add(new Snapshot(System.currentTimeMillis(), Map.of()));
        this.clock = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("recent-errors").daemon(true).factory());
        // A periodic task that throws is cancelled for good by the executor: one bad snapshot must not end them all.
        clock.scheduleAtFixedRate(() -> {
            try {
                snapshot();
            } catch (RuntimeException | Error e) {
                failedSnapshots++;
                log.warn("Recent errors snapshot failed ({} so far); the next one runs on schedule", failedSnapshots, e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Snapshots taken on schedule since the start (tests). */
    synchronized int snapshots() {
        return snapshotsTaken;
    }

    synchronized void snapshot() {
        snapshotsTaken++;
        history.addLast(new Snapshot(System.currentTimeMillis(), counts()));
        while (history.size() > KEPT_MINUTES + 1) {
            history.removeFirst();
        }
    }

    /** Errors by code answered over the last {@code minutes} (1 to {@link #KEPT_MINUTES}); codes with none left out. */
    public synchronized Map<String, Long> lastMinutes(int minutes) {
        long since = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(Math.clamp(minutes, 1, KEPT_MINUTES)) - 1_000;
        Snapshot base = history.getFirst();
        for (Snapshot snapshot : history) {
            if (snapshot.atMillis() >= since) {
                break;
            }
            base = snapshot;
        }
        Map<String, Long> recent = new TreeMap<>();
        for (Map.Entry<String, Double> now : counts().entrySet()) {
            long delta = Math.round(now.getValue() - base.counts().getOrDefault(now.getKey(), 0.0));
            if (delta > 0) {
                recent.put(now.getKey(), delta);
            }
        }
        return recent;
    }

    private Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : meters.find("mmo.api.errors").counters()) {
            String code = counter.getId().getTag("code");
            counts.merge(code == null ? "UNKNOWN" : code, counter.count(), Double::sum);
        }
        return counts;
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
