package com.mmorpg.bot;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.testsupport.BackendStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: what auth-service spends on the writes items add, over real HTTP against the real service
 * (its own process, on PostgreSQL), the way map servers write: {@code CONCURRENCY} writers (a map server's
 * {@code MAX_IN_FLIGHT}), each character written by one at a time. Characters hold 30 stacks. Phases:
 * {@code plain} (a state write whose items did not change: what most periodic saves are), {@code items}
 * (a write carrying all 30 items and one ledger line: a unit used up), {@code trades} (two characters
 * swapping a stack each in one transaction). Prints writes per second and auth-service's CPU per write
 * (from {@code /proc}), beside the benchmark's own CPU. Run with {@code bench/items.sh}; options
 * {@code -Dbench.characters=200 -Dbench.seconds=20 -Dbench.concurrency=16}.
 */
public final class ItemWriteBenchmark {

    private static final int CHARACTERS = Integer.getInteger("bench.characters", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    private static final int STACKS = 30;
    private static final int GEL = 10;
    private static final String KEY = "dev-only-internal-api-key-0123456789abcdef";

    /** One character as its writer knows it. */
    private static final class Hero {
        final String id;
        long lease;
        long version;
        long seq;
        final List<Items.Stored> items = new ArrayList<>();

        Hero(String id) {
            this.id = id;
        }

        CharacterStates.Update update(List<Items.Stored> written, List<Items.Event> events) {
            return new CharacterStates.Update(1, new CharacterRecord.Position(400 + seq % 7, 304), 100, 10, 1, 0, version, lease,
                    false, written, events);
        }
    }

    private ItemWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the characters are registered from loopback, as start-dev.sh lets bot load do
        try (BackendStack stack = BackendStack.start(Path.of("."), "gateway-bench",
                BackendStack.Options.defaults().withEnvironment(Map.of("RATE_LIMIT_EXEMPT_LOOPBACK", "true")))) {
            ExecutorService io = Executors.newFixedThreadPool(4);
            InternalClient auth = new InternalClient("auth-service", stack.authUrl(), KEY, Duration.ofSeconds(30),
                    InternalClient.httpClient(Duration.ofSeconds(30), io, null));
            List<Hero> heroes = setUp(stack, auth);
            System.out.printf(Locale.ROOT, "Item writes: %d characters of %d stacks, %d writers, %d s a phase, auth-service pid %d%n",
                    CHARACTERS, STACKS, CONCURRENCY, SECONDS, stack.auth().pid());
            System.out.printf(Locale.ROOT, "%8s %10s %9s %16s %14s %14s%n", "phase", "writes", "writes/s", "auth CPU ms/write",
                    "auth cores", "bench cores");
            phase("plain", stack, heroes, hero -> write(auth, hero, null, null));
            phase("items", stack, heroes, hero -> {
                Items.Stored used = hero.items.get((int) (hero.seq % STACKS));
                Items.Stored left = new Items.Stored(used.id(), used.typeId(), used.quantity() - 1, used.slot());
                hero.items.set((int) (hero.seq % STACKS), left);
                write(auth, hero, List.copyOf(hero.items),
                        List.of(new Items.Event(++hero.seq, used.id(), GEL, 1, hero.id, null, Items.DESTROY)));
            });
            phase("trades", stack, pairs(heroes), pair -> trade(auth, pair[0], pair[1]));
            io.shutdownNow(); // its threads would keep the JVM alive
        }
    }

    private interface Work<T> {
        void run(T target) throws Exception;
    }

    /** Runs {@code work} on every target in turn, {@code CONCURRENCY} at a time, for {@code SECONDS}; prints the line. */
    private static <T> void phase(String name, BackendStack stack, List<T> targets, Work<T> work) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        ProcessCpu authBefore = ProcessCpu.read(stack.auth().pid());
        ProcessCpu benchBefore = ProcessCpu.read(ProcessHandle.current().pid());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            int writer = w;
            // each target belongs to one writer: one write of a character at a time, as a map server does
            List<T> mine = java.util.stream.IntStream.range(0, targets.size()).filter(k -> k % CONCURRENCY == writer)
                    .mapToObj(targets::get).toList();
            running.add(writers.submit(() -> {
                for (int i = 0; !mine.isEmpty() && System.nanoTime() < end; i++) {
                    work.run(mine.get(i % mine.size()));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        ProcessCpu authAfter = ProcessCpu.read(stack.auth().pid());
        ProcessCpu benchAfter = ProcessCpu.read(ProcessHandle.current().pid());
        writers.shutdown();
        double authMillis = (authAfter.ticks() - authBefore.ticks()) * 10.0;
        System.out.printf(Locale.ROOT, "%8s %10d %9.0f %16.3f %14.2f %14.2f%n", name, done.get(), done.get() / (double) SECONDS,
                authMillis / done.get(), authAfter.coresSince(authBefore), benchAfter.coresSince(benchBefore));
    }

    private static List<Hero> setUp(BackendStack stack, InternalClient auth) {
        List<Hero> heroes = new ArrayList<>();
        long nextId = 0;
        long blockEnd = 0;
        for (int i = 0; i < CHARACTERS; i++) {
            AuthClient player = new AuthClient(stack.authUrl());
            String user = "itembench" + i + "_" + UUID.randomUUID().toString().substring(0, 6);
            player.register(user, "correct-horse-" + user);
            Hero hero = new Hero(player.createCharacter("Ib" + i + UUID.randomUUID().toString().substring(0, 6), "1").id());
            Leases.Grant grant = auth.send("POST", Leases.leasePath(hero.id), new Leases.Request("map-server-bench", 1,
                    UUID.randomUUID().toString(), null)).as(Leases.Grant.class);
            hero.lease = grant.leaseId();
            hero.version = grant.character().version();
            List<Items.Event> loot = new ArrayList<>();
            for (int slot = 0; slot < STACKS; slot++) {
                if (nextId == blockEnd) {
                    Items.Block block = auth.send("POST", Items.ID_BLOCK_PATH, new Items.BlockRequest("map-server-bench")).as(Items.Block.class);
                    nextId = block.first();
                    blockEnd = block.first() + block.count();
                }
                long id = nextId++;
                hero.items.add(new Items.Stored(id, GEL, 99, slot));
                loot.add(new Items.Event(++hero.seq, id, GEL, 99, null, hero.id, Items.LOOT));
            }
            write(auth, hero, List.copyOf(hero.items), loot);
            heroes.add(hero);
        }
        return heroes;
    }

    private static List<Hero[]> pairs(List<Hero> heroes) {
        List<Hero[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < heroes.size(); i += 2) {
            pairs.add(new Hero[] {heroes.get(i), heroes.get(i + 1)});
        }
        return pairs;
    }

    private static void write(InternalClient auth, Hero hero, List<Items.Stored> items, List<Items.Event> events) {
        InternalClient.Reply reply = auth.send("PUT", CharacterStates.statePath(hero.id), hero.update(items, events));
        if (!reply.isSuccess()) {
            throw new IllegalStateException("write of " + hero.id + " refused: " + reply.status() + " " + reply.body());
        }
        hero.version = reply.as(CharacterStates.Saved.class).version();
    }

    /** A swaps its first stack for B's first stack: one move each way, both written together. */
    private static void trade(InternalClient auth, Hero a, Hero b) {
        Items.Stored fromA = a.items.getFirst();
        Items.Stored fromB = b.items.getFirst();
        a.items.set(0, new Items.Stored(fromB.id(), fromB.typeId(), fromB.quantity(), fromA.slot()));
        b.items.set(0, new Items.Stored(fromA.id(), fromA.typeId(), fromA.quantity(), fromB.slot()));
        Items.Event aOut = new Items.Event(++a.seq, fromA.id(), GEL, fromA.quantity(), a.id, b.id, Items.TRADE);
        Items.Event aIn = new Items.Event(++a.seq, fromB.id(), GEL, fromB.quantity(), b.id, a.id, Items.TRADE);
        Items.Event bIn = new Items.Event(++b.seq, fromA.id(), GEL, fromA.quantity(), a.id, b.id, Items.TRADE);
        Items.Event bOut = new Items.Event(++b.seq, fromB.id(), GEL, fromB.quantity(), b.id, a.id, Items.TRADE);
        InternalClient.Reply reply = auth.send("PUT", CharacterStates.TRADE_PATH, new CharacterStates.Trade(List.of(
                new CharacterStates.Side(a.id, a.update(List.copyOf(a.items), List.of(aOut, aIn))),
                new CharacterStates.Side(b.id, b.update(List.copyOf(b.items), List.of(bIn, bOut))))));
        if (!reply.isSuccess()) {
            throw new IllegalStateException("trade " + a.id + "/" + b.id + " refused: " + reply.status() + " " + reply.body());
        }
        CharacterStates.TradeSaved saved = reply.as(CharacterStates.TradeSaved.class);
        a.version = saved.saved().get(0).version();
        b.version = saved.saved().get(1).version();
    }
}
