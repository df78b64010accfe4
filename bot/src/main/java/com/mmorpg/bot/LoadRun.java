package com.mmorpg.bot;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.bot.swarm.Swarm;
import com.mmorpg.bot.swarm.SwarmBot;
import com.mmorpg.bot.swarm.SwarmException;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code bot load}: N bots doing the whole flow (login or register, character, enter_world, map
 * server) at a ramp, then playing (walking at 20 inputs/s, attacking what they see once a second;
 * with {@code --items} hunting, looting and trading) until the duration ends, retrying as a client
 * would. What it was asked is {@link LoadOptions}; what it counts and prints, {@link LoadReport};
 * bots' characters moved to other maps, {@link CharacterMover}; the bots' map connections, {@code swarm}.
 */
final class LoadRun {

    private final PlayBot.Endpoints endpoints;
    private final LoadOptions options;
    private final PrintStream out;
    private final LoadReport report;
    private final CharacterMover mover;
    /**
     * One HTTP client for every bot's auth calls and gateway WebSocket: each JDK client runs its own
     * selector thread, and a thousand of them cost the load tool more CPU than the bots themselves.
     */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Swarm swarm;
    private final MapTicketCodec tickets;

    LoadRun(PlayBot.Endpoints endpoints, LoadOptions options, PrintStream out) {
        this.endpoints = endpoints;
        this.options = options;
        this.out = out;
        this.swarm = new Swarm(options.threads());
        this.report = new LoadReport(options, swarm, out);
        this.mover = new CharacterMover(endpoints.authUrl(), options.internalApiKey(), http);
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
        report.started(start, end);
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
            while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                report.progress();
            }
        }
        out.println();
        return report.print();
    }

    /** How long a bot keeps retrying while auth-service sheds load. */
    static final Duration SHED_PATIENCE = Duration.ofSeconds(120);

    private void bot(int index, long end) {
        String user = "load_" + options.run() + "_" + index;
        try {
            AuthClient auth = new AuthClient(endpoints.authUrl(), http, Duration.ofSeconds(15));
            long t0 = System.nanoTime();
            withRetries(() -> auth.registerOrLogin(user, "load-password-" + user));
            report.record("login", t0);
            int mapId = options.maps().get(index % options.maps().size());
            AuthClient.Character character = auth.characters().stream().findFirst().orElseGet(() -> {
                AuthClient.Character created = auth.createCharacter(PlayBot.characterName("L" + options.run() + "x" + index), "1");
                if (!String.valueOf(mapId).equals(created.mapId())) {
                    mover.moveToMap(created.id(), mapId);
                }
                return created;
            });
            if (options.mapOnly() != null) {
                mapOnly(auth, character, mapId, end, index);
                return;
            }
            try (GatewayClient gateway = GatewayClient.connect(endpoints.gatewayUrl(), auth.accessToken(), Duration.ofSeconds(15), http)
                    .followSession(auth)) {
                report.connected.incrementAndGet();
                play(gateway, character, end, index);
            } finally {
                report.connected.decrementAndGet();
            }
        } catch (ApiException e) {
            report.error(e.code());
        } catch (GatewayException e) {
            report.error(e.code());
        } catch (SwarmException e) {
            report.error(e.code());
        } catch (RuntimeException e) {
            report.error(e.getClass().getSimpleName());
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
                report.error(e instanceof SwarmException refused ? refused.code() : ((GatewayException) e).code());
                next = LOST;
            }
            if (next != LOST) {
                attempt = 0;
            }
            if (next == 0 || (next == LOST && !options.rejoin())) {
                return;
            }
            if (next == LOST) {
                report.rejoins.increment();
                backOff(++attempt);
                next = ENTER;
            }
        }
    }

    private static final int ENTER = -2;
    private static final int LOST = -1;

    /** Straight to the map server with a ticket minted here; back on the same map after a gate. */
    private void mapOnly(AuthClient auth, AuthClient.Character character, int mapId, long end, int index) {
        LoadOptions.MapOnly target = options.mapOnly();
        boolean moveBack = !String.valueOf(mapId).equals(character.mapId());
        while (System.nanoTime() < end) {
            if (moveBack) {
                mover.moveToMap(character.id(), mapId);
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
            report.retries.increment();
            backOff(attempt);
        }
    }

    private <T> T timed(String step, java.util.function.Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        report.record(step, t0);
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
        report.record("map_auth", t2);
        report.entered.incrementAndGet();
        report.inWorld.incrementAndGet();
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
            report.inWorld.decrementAndGet();
            report.worldSeconds.add((System.nanoTime() - started) / 1_000_000_000L);
            report.bytes.add(bot.bytesIn());
        }
        if (ending == null) {
            return 0;
        }
        if (ending.transferMap() > 0 && ending.rejected() != null && "MAP_TRANSFER".equals(ending.rejected().code)) {
            return ending.transferMap();
        }
        report.error(ending.rejected() != null ? ending.rejected().code : "DISCONNECTED"); // lost the map server before the end
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
                report.retries.increment();
                backOff(attempt);
            }
        }
    }

    /** Exponential back-off with jitter: 0.5-1 s, then doubling up to 2-4 s. */
    private static void backOff(int attempt) {
        sleepUntil(System.nanoTime() + (long) (Math.min(8, 1 << Math.min(attempt, 3)) * 250_000_000L * (0.5 + Math.random())));
    }

    static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait)); // pacing: the ramp and the 20 Hz input loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
