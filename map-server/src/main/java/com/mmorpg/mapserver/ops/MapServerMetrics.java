package com.mmorpg.mapserver.ops;

import com.mmorpg.mapserver.character.CharacterPersistence;
import com.mmorpg.mapserver.net.NetObserver;
import com.mmorpg.mapserver.runtime.TickLoop;
import com.mmorpg.mapserver.sim.CharacterState;
import com.mmorpg.mapserver.sim.TrafficCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The map server's Prometheus metrics (served on the ops port at {@code /metrics}): tick duration
 * histogram, overruns and skipped ticks, players and entities, bytes and messages in/out, dropped
 * input, rejected logins and character saves. Names are prefixed {@code mmo_map_}.
 */
public final class MapServerMetrics implements TickLoop.Observer, TrafficCounter, CharacterPersistence.Listener,
        NetObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer tickDuration;
    private final Timer tickCpu;
    private final Counter overruns;
    private final Counter skipped;
    private final Counter tickFailures;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter snapshots;
    private final DistributionSummary snapshotEntries;
    private final Counter saves;
    private volatile long lastTickNanos;

    public MapServerMetrics(String serverId, int mapId) {
        registry.config().commonTags(Tags.of("server", serverId, "map", Integer.toString(mapId)));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        tickDuration = tickTimer("mmo.map.tick.duration", "Time spent in one world tick");
        tickCpu = tickTimer("mmo.map.tick.cpu",
                "CPU time of the tick thread in one world tick (the duration minus preemption and steal)");
        overruns = Counter.builder("mmo.map.tick.overruns").description("Ticks that took longer than their budget").register(registry);
        skipped = Counter.builder("mmo.map.tick.skipped").description("Ticks skipped instead of caught up").register(registry);
        tickFailures = Counter.builder("mmo.map.tick.failures").description("Ticks that threw").register(registry);
        bytesIn = Counter.builder("mmo.map.net.bytes").tag("direction", "in").baseUnit("bytes").register(registry);
        bytesOut = Counter.builder("mmo.map.net.bytes").tag("direction", "out").baseUnit("bytes").register(registry);
        messagesIn = Counter.builder("mmo.map.net.messages").tag("direction", "in").register(registry);
        messagesOut = Counter.builder("mmo.map.net.messages").tag("direction", "out").register(registry);
        snapshots = Counter.builder("mmo.map.snapshots").description("Snapshot datagrams sent").register(registry);
        snapshotEntries = DistributionSummary.builder("mmo.map.snapshot.entries").register(registry);
        saves = Counter.builder("mmo.map.character.saves").tag("outcome", "saved").register(registry);
    }

    private Timer tickTimer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofMillis(500))
                .register(registry);
    }

    /** Gauges read from the world and the network, which publish their counts once per tick. */
    public void watch(Supplier<Number> players, Supplier<Number> entities, Supplier<Number> connections,
            Supplier<Number> pendingSaves, Supplier<Number> outboundDepth) {
        Gauge.builder("mmo.map.net.outbound.queue", outboundDepth).register(registry);
        Gauge.builder("mmo.map.players", players).register(registry);
        Gauge.builder("mmo.map.entities", entities).register(registry);
        Gauge.builder("mmo.map.connections", connections).register(registry);
        Gauge.builder("mmo.map.character.saves.pending", pendingSaves).register(registry);
    }

    /** Items lying on the ground and trades under way, as the world publishes them each tick. */
    public void watchItems(Supplier<Number> groundItems, Supplier<Number> openTrades) {
        Gauge.builder("mmo.map.ground.items", groundItems).description("Stacks lying on the ground, every channel").register(registry);
        Gauge.builder("mmo.map.trades.open", openTrades).description("Trades asked, open or being written").register(registry);
    }

    /** Rounds of party lookups in Redis that failed (loot then stays reserved as last known). */
    public void watchPartyLookups(LongSupplier failures) {
        FunctionCounter.builder("mmo.map.party.lookups.failed", failures, LongSupplier::getAsLong)
                .description("Rounds of party lookups in Redis that failed").register(registry);
    }

    /**
     * The save backlog while auth-service or its database is away: characters whose last write failed
     * and wait for a retry, and the age of the oldest progress not yet stored (players keep playing;
     * this is what a map server's own crash would lose).
     */
    public void watchSaves(Supplier<Number> retrying, Supplier<Number> oldestUnsavedSeconds) {
        Gauge.builder("mmo.map.character.saves.retrying", retrying)
                .description("Characters whose last save failed and waits for a retry").register(registry);
        Gauge.builder("mmo.map.character.saves.oldest.unsaved", oldestUnsavedSeconds).baseUnit("seconds")
                .description("Age of the oldest progress auth-service has not stored yet").register(registry);
    }

    /** Players per channel ({@code mmo_map_channel_players{channel="1"}}), as the world publishes them. */
    public void watchChannels(int channels, java.util.function.IntFunction<Number> players) {
        for (int number = 1; number <= channels; number++) {
            int channel = number;
            Gauge.builder("mmo.map.channel.players", () -> players.apply(channel)).tag("channel", Integer.toString(number))
                    .description("Players in one channel (an isolated copy of the map)").register(registry);
        }
    }

    /** Connections by stage: waiting for UDP registration, authenticating, in the world. */
    public void watchConnections(Supplier<int[]> byStage) {
        String[] names = {"awaiting_udp", "authenticating", "in_world"};
        for (int i = 0; i < names.length; i++) {
            int stage = i;
            Gauge.builder("mmo.map.connections.stage", () -> byStage.get()[stage]).tag("stage", names[i])
                    .description("Open connections by login stage").register(registry);
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Share of the tick budget used by the last tick, 0..n (reported to the directory as load). */
    public double load(int tickRate) {
        return lastTickNanos / (1e9 / tickRate);
    }

    public double tickMillisAtPercentile(double percentile) {
        return millisAtPercentile(tickDuration, percentile);
    }

    /** The tick thread's CPU time per tick at {@code percentile} (0.5 or 0.99), recent ticks; NaN before any. */
    public double tickCpuMillisAtPercentile(double percentile) {
        return millisAtPercentile(tickCpu, percentile);
    }

    private static double millisAtPercentile(Timer timer, double percentile) {
        for (var value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    @Override
    public void tickCompleted(long nanos, long cpuNanos, boolean overrun) {
        lastTickNanos = nanos;
        tickDuration.record(nanos, TimeUnit.NANOSECONDS);
        if (cpuNanos >= 0) {
            tickCpu.record(cpuNanos, TimeUnit.NANOSECONDS);
        }
        if (overrun) {
            overruns.increment();
        }
    }

    @Override
    public void ticksSkipped(long ticks) {
        skipped.increment(ticks);
    }

    @Override
    public void tickFailed() {
        tickFailures.increment();
    }

    @Override
    public void snapshotSent(int entries) {
        snapshots.increment();
        snapshotEntries.record(entries);
    }

    @Override
    public void inputDropped(String reason) {
        registry.counter("mmo.map.input.dropped", "reason", reason).increment();
    }

    @Override
    public void received(long bytes, long messages) {
        bytesIn.increment(bytes);
        messagesIn.increment(messages);
    }

    @Override
    public void sent(long bytes, long messages) {
        bytesOut.increment(bytes);
        messagesOut.increment(messages);
    }

    @Override
    public void datagramDropped(String reason) {
        registry.counter("mmo.map.datagrams.dropped", "reason", reason).increment();
    }

    @Override
    public void snapshotDropped() {
        registry.counter("mmo.map.snapshots.dropped").increment();
    }

    @Override
    public void sendFailed(Throwable error) {
        registry.counter("mmo.map.net.send.failures").increment();
    }

    @Override
    public void loginRejected(String code) {
        registry.counter("mmo.map.logins", "outcome", code).increment();
    }

    @Override
    public void loginAccepted() {
        registry.counter("mmo.map.logins", "outcome", "ACCEPTED").increment();
    }

    @Override
    public void disconnected(String reason) {
        registry.counter("mmo.map.disconnects", "reason", reason).increment();
    }

    @Override
    public void saved(CharacterState state, long version) {
        saves.increment();
    }

    @Override
    public void failed(CharacterState state, String reason) {
        registry.counter("mmo.map.character.saves", "outcome", "failed").increment();
    }
}
