package com.mmorpg.mapserver.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.MobType;
import com.mmorpg.mapserver.interest.InterestScheduler;
import com.mmorpg.mapserver.net.OutboundQueue;
import com.mmorpg.mapserver.runtime.CpuReservation;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.EntityTable;
import com.mmorpg.mapserver.sim.Mob;
import com.mmorpg.mapserver.sim.PlayerLink;
import com.mmorpg.mapserver.sim.TrafficCounter;
import com.mmorpg.mapserver.sim.World;
import com.mmorpg.mapserver.sim.WorldSettings;
import com.mmorpg.mapserver.spectate.Spectators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: the cost of one world tick with half players, half mobs, all moving, spread over a
 * map at a constant density, in two modes: {@code move} (scripted headings) and {@code fight} (mob AI,
 * players attacking);  (about 50 entities inside each player's view), at 20 Hz. As in the
 * server, messages leave the tick thread through the {@link OutboundQueue}, whose sender thread
 * really encodes each with the protocol's Kryo (only the socket write is missing). Prints
 * p50/p99/max tick time (wall clock), p50/p99 of the tick thread's CPU time for the same ticks (what
 * the tick cost without the time the thread was not running: on a shared VM, the host's steal and
 * the machine's other threads), the share of the 50 ms budget, the sender thread's time per tick, and
 * bytes per client per second. Run with {@code bench/map.sh}; options {@code -Dbench.sizes=500,1000,2000,4000
 * -Dbench.modes=move,fight -Dbench.ticks=600 -Dbench.warmup=300 -Dbench.visible=50 -Dbench.interestThreads=2 -Dbench.tickCpu=auto -Dbench.paced=true -Dbench.spinMicros=0
 * -Dbench.spectate=false} ({@code true}: one console viewer of the live map) {@code -Dbench.groundItems=0} (stacks lying
 * on the ground, seen like any entity).
 */
public final class TickBenchmark {

    private static final int TICK_RATE = 20;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final float VIEW_RADIUS = 640;
    private static final int TILE = 32;
    private static final int INTEREST_THREADS = Integer.getInteger("bench.interestThreads", 2);
    private static final boolean PACED = Boolean.parseBoolean(System.getProperty("bench.paced", "true"));
    /** One console viewer of the live map: frames built after each tick (inside the measured time), read 7 times a second. */
    private static final boolean SPECTATE = Boolean.getBoolean("bench.spectate");
    /** As {@code TICK_CPU}: a CPU of its own for the tick thread (the loop below), the other threads elsewhere. */
    private static final String TICK_CPU = System.getProperty("bench.tickCpu", "auto");
    private static CpuReservation cpu = CpuReservation.NONE;

    private TickBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "500,1000,2000,4000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int ticks = Integer.getInteger("bench.ticks", 600);
        int warmup = Integer.getInteger("bench.warmup", 300);
        int visible = Integer.getInteger("bench.visible", 50);
        int cores = Runtime.getRuntime().availableProcessors();
        cpu = CpuReservation.reserve(TICK_CPU);
        int reservedCpu = cpu.cpu();
        System.out.printf(Locale.ROOT, "Tick benchmark: %d Hz%s, view radius %.0f px, ~%d entities in view, %d interest "
                        + "thread(s), %d measured ticks after %d warm-up, %d cores, tick thread on %s%n", TICK_RATE, PACED ? " (paced)" : " (back to back)",
                VIEW_RADIUS, visible, INTEREST_THREADS, ticks, warmup, cores,
                reservedCpu < 0 ? "any CPU (TICK_CPU off)" : "CPU " + reservedCpu + " of its own (TICK_CPU=" + TICK_CPU + ")");
        System.out.println(SPECTATE ? "one live-map viewer (frames every 3rd tick, read every 150 ms)" : "no live-map viewer");
        System.out.println(GROUND_ITEMS + " items lying on the ground among them");
        for (String mode : System.getProperty("bench.modes", "move,fight").split(",")) {
          System.out.println(mode.equals("fight")
                  ? "fight: mobs run their AI (aggro 200 px, chase, attack, leash) and every player attacks a mob it saw once a second"
                  : "move: players and mobs walk scripted random headings (no AI, no combat)");
          System.out.printf(Locale.ROOT, "%9s %7s %5s %9s %9s %9s %9s %9s %8s %12s %9s %12s %10s%n", "entities", "players", "mobs",
                  "p50 ms", "p99 ms", "cpu p50", "cpu p99", "max ms", "p99/50ms", "send ms/tick", "visible", "B/client/s", "snap/tick");
          for (int size : sizes) {
            Result result = run(size, ticks, warmup, visible, mode.equals("fight"));
            System.out.printf(Locale.ROOT, "%9d %7d %5d %9.3f %9.3f %9.3f %9.3f %9.3f %7.1f%% %12.3f %9.1f %12.0f %10.0f%n", size,
                    size / 2, size / 2, result.p50, result.p99, result.cpuP50, result.cpuP99, result.max, result.p99 / 50 * 100, result.sendMillisPerTick,
                    result.visible, result.bytesPerClientSecond, result.snapshotsPerTick);
          }
        }
    }

    private record Result(double p50, double p99, double cpuP50, double cpuP99, double max, double sendMillisPerTick, double visible,
            double bytesPerClientSecond, double snapshotsPerTick) {
    }

    /** Items lying on the ground among them ({@code -Dbench.groundItems}): loot nobody picked up. */
    private static final int GROUND_ITEMS = Integer.getInteger("bench.groundItems", 0);
    private static final com.mmorpg.content.ItemType GEL = new com.mmorpg.content.ItemType("gel", 10, "Slime Gel",
            com.mmorpg.content.ItemType.Kind.MATERIAL, null, 99, 1, 0, 0, 0, 0);

    /** Wolves with a lot of health, so that the fight lasts the whole run. */
    private static final MobType FIGHTER = new MobType("bench_wolf", 2, "Wolf", 5_000, 14, 4, 95, 200, 40, 24, 480, 30, 300, false);

    private static Result run(int entities, int ticks, int warmup, int visibleTarget, boolean fight) {
        cpu.leave(); // threads created below inherit this thread's CPUs
        int players = entities / 2;
        int mobs = entities - players;
        double density = visibleTarget / (Math.PI * VIEW_RADIUS * VIEW_RADIUS);
        int sideTiles = (int) Math.ceil(Math.sqrt(entities / density) / TILE);
        GameMap map = GameMap.open(1, sideTiles, sideTiles, TILE);
        EncodingLink.Totals totals = new EncodingLink.Totals();
        OutboundQueue outbound = new OutboundQueue("bench-send", OutboundQueue.Observer.NONE);
        WorldSettings settings = WorldSettings.of(TICK_RATE, 1, players, VIEW_RADIUS, 1).withInterestThreads(INTEREST_THREADS);
        TrafficCounter traffic = new TrafficCounter() {
            @Override
            public void snapshotSent(int entries) {
                totals.snapshots.increment();
            }
        };
        EntityTable table = new EntityTable(InterestScheduler.SLOT_QUARANTINE_TICKS);
        InterestScheduler interest = new InterestScheduler(settings, table, traffic, cpu.avoiding(InterestScheduler.daemonThreads()));
        World world = new World(map, settings, state -> java.util.concurrent.CompletableFuture.completedFuture(null), traffic,
                table, interest);
        SplittableRandom random = new SplittableRandom(7);
        float size = sideTiles * (float) TILE;
        List<EncodingLink> links = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            EncodingLink link = new EncodingLink(i, totals, outbound);
            links.add(link);
            world.submit(new Command.Join(link, new CharacterSheet(Integer.toString(i), "u" + i, "P" + i, 1, 1,
                    (float) random.nextDouble(20, size - 20), (float) random.nextDouble(20, size - 20), 1, 0, 150, 150,
                    30, 30, 14, 8, 120, 48, 0, new CharacterSheet.Growth(20, 3, 3, 2))));
        }
        world.tick();
        List<Mob> mobList = new ArrayList<>();
        for (int i = 0; i < mobs; i++) {
            float x = (float) random.nextDouble(20, size - 20);
            float y = (float) random.nextDouble(20, size - 20);
            mobList.add(fight ? world.spawnMob(1, FIGHTER, x, y) : world.spawnMob(1, 1, "Wolf", x, y, 90, 60));
        }
        for (int i = 0; i < GROUND_ITEMS; i++) {
            world.dropOnGround(1, GEL, 1 + i % 5, (float) random.nextDouble(20, size - 20), (float) random.nextDouble(20, size - 20));
        }
        float[][] directions = new float[players + mobs][2];
        Spectators spectators = new Spectators(map, 1);
        java.util.concurrent.ScheduledExecutorService viewer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                cpu.avoiding(Thread.ofPlatform().name("bench-viewer").daemon(true).factory()));
        long[] viewedBytes = new long[1];
        if (SPECTATE) { // as world-directory's relay asks for the console: the JSON is made on this thread
            viewer.scheduleAtFixedRate(() -> viewedBytes[0] += spectators.frameJson(1).length(), 0, 150,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        cpu.enterTickThread(); // the sender and helpers were created off it
        long sendBusyAtStart = 0;
        long[] samples = new long[ticks];
        long[] cpuSamples = new long[ticks];
        int[] seq = new int[players];
        for (int t = 0; t < warmup + ticks; t++) {
            if (t == warmup) {
                drain(outbound);
                totals.reset();
                sendBusyAtStart = outbound.busyNanos();
            }
            for (int i = 0; i < players + mobs; i++) {
                if ((t + i) % 40 == 0) { // a new heading every two seconds, staggered
                    double angle = random.nextDouble(0, Math.PI * 2);
                    directions[i][0] = (float) Math.cos(angle);
                    directions[i][1] = (float) Math.sin(angle);
                }
            }
            for (int i = 0; i < players; i++) {
                EncodingLink link = links.get(i);
                world.submit(new Command.Input(link, new MoveInput(++seq[i], directions[i][0], directions[i][1])));
                if (fight && (t + i) % TICK_RATE == 0 && link.lastMobSeen > 0) {
                    world.submit(new Command.Input(link, new AttackRequest(link.lastMobSeen)));
                }
            }
            if (!fight) {
                for (int i = 0; i < mobs; i++) {
                    mobList.get(i).steer(directions[players + i][0], directions[players + i][1]);
                }
            }
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            outbound.startBatch();
            long start = System.nanoTime();
            world.tick();
            spectators.afterTick(world); // nobody watching: one clock read
            long took = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            outbound.wake();
            if (t >= warmup) {
                samples[t - warmup] = took;
                cpuSamples[t - warmup] = cpu;
            }
            if (PACED) {
                pace(start);
            }
        }
        viewer.shutdownNow();
        if (SPECTATE && viewedBytes[0] == 0) {
            throw new IllegalStateException("the viewer saw nothing");
        }
        drain(outbound);
        double sendMillisPerTick = (outbound.busyNanos() - sendBusyAtStart) / 1e6 / ticks;
        outbound.close();
        interest.close();
        Arrays.sort(samples);
        Arrays.sort(cpuSamples);
        double seconds = ticks / (double) TICK_RATE;
        long visible = 0;
        for (EncodingLink link : links) {
            visible += link.entered - link.left;
        }
        return new Result(millis(samples[samples.length / 2]), millis(samples[(int) (samples.length * 0.99)]),
                millis(cpuSamples[cpuSamples.length / 2]), millis(cpuSamples[(int) (cpuSamples.length * 0.99)]),
                millis(samples[samples.length - 1]), sendMillisPerTick, visible / (double) players,
                totals.bytes / (double) players / seconds, totals.snapshots.sum() / (double) ticks);
    }

    /** Runs at the real 20 Hz so the sender thread works alongside, as in the server. */
    private static void pace(long tickStart) {
        long next = tickStart + 1_000_000_000L / TICK_RATE;
        long spin = Long.getLong("bench.spinMicros", 0) * 1000;
        long now;
        while ((now = System.nanoTime()) < next - spin) {
            java.util.concurrent.locks.LockSupport.parkNanos(next - spin - now);
        }
        while (System.nanoTime() < next) {
            Thread.onSpinWait();
        }
    }

    private static void drain(OutboundQueue outbound) {
        try {
            outbound.drain(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Queues every message like the server's links; the sender thread encodes it with the protocol's Kryo and counts the bytes. */
    private static final class EncodingLink implements PlayerLink, OutboundQueue.Sink {

        static final class Totals {
            final Kryo kryo = new Kryo();
            final Output output = new Output(64 * 1024);
            long bytes;
            final java.util.concurrent.atomic.LongAdder snapshots = new java.util.concurrent.atomic.LongAdder();

            Totals() {
                Protocol.register(kryo);
            }

            void reset() {
                bytes = 0;
                snapshots.reset();
            }
        }

        private final int id;
        private final Totals totals;
        private final OutboundQueue outbound;
        long entered;
        long left;
        volatile int lastMobSeen;

        EncodingLink(int id, Totals totals, OutboundQueue outbound) {
            this.id = id;
            this.totals = totals;
            this.outbound = outbound;
        }

        @Override
        public int linkId() {
            return id;
        }

        @Override
        public void sendReliable(ServerMessage message) {
            if (message instanceof com.mmorpg.protocol.EntityEntered e) {
                entered++;
                if (e.kind == com.mmorpg.protocol.EntityEntered.KIND_MOB) {
                    lastMobSeen = e.id;
                }
            } else if (message instanceof com.mmorpg.protocol.EntityLeft) {
                left++;
            }
            outbound.send(this, message, true);
        }

        @Override
        public void sendUnreliable(ServerMessage message) {
            outbound.send(this, message, false);
        }

        @Override
        public void deliver(ServerMessage message, boolean reliable) {
            totals.output.clear();
            totals.kryo.writeClassAndObject(totals.output, message);
            totals.bytes += totals.output.position();
        }

        @Override
        public void disconnect() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close(Rejected reason) {
            throw new IllegalStateException("benchmark player rejected: " + (reason == null ? "closed" : reason.code));
        }
    }
}
