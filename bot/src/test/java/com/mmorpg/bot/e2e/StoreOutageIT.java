package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routine operations must not empty the world: PostgreSQL restarted, auth-service killed and started
 * again (longer than the lease TTL), and auth-service killed while its writes wait for the database,
 * each while players walk about on a map server, over the unmodified KryoNet client. Nobody may be
 * removed, and afterwards every player's last position is in the database.
 *
 * <p>The suite runs short versions of the faults, scaled to a 5 s lease TTL and 1 s saves (the
 * relations are what matter: an outage longer than the map server's 2 s backend timeout and
 * auth-service's 5 s wait for a connection, and one longer than two lease TTLs). {@code bench/outages.sh}
 * runs the same tests with the production TTL and the issue's durations (20 s and 60 s of PostgreSQL,
 * 40 s and 90 s of auth-service) through {@code -Doutage.*} properties.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StoreOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    private static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MapTicketCodec TICKETS = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", TICKET_SECRET, null),
            Duration.ofSeconds(30), Clock.systemUTC());
    private static final int PLAYERS = Integer.getInteger("outage.players", 4);
    private static final Pattern SECONDS = Pattern.compile("(\\d+)s");

    private static Path pgDirectory;
    private static int pgPort;
    private static EmbeddedPostgresServer postgres;
    private static BackendStack stack;
    private static ServiceProcess mapServer;
    private static ServiceProcess auth;
    private static int authPort;
    private static int mapPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Player> players = new ArrayList<>();
    private ScheduledExecutorService steering;

    @BeforeAll
    static void startBackend() throws Exception {
        pgDirectory = Files.createTempDirectory("store-outage-pg");
        pgPort = ServiceProcess.freePort();
        postgres = EmbeddedPostgresServer.startPersistent(pgDirectory, pgPort);
        postgres.ensureDatabase("outage");
        PostgresDatabase database = new PostgresDatabase("outage", "localhost", pgPort, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
        stack = BackendStack.start(Path.of(".."), "gateway-outage", BackendStack.Options.defaults()
                .withDatabase(database)
                .withEnvironment(Map.of("LEASE_TTL", System.getProperty("outage.leaseTtl", "5s"),
                        "LEASE_RENEW_INTERVAL", "1s", "SAVE_INTERVAL", System.getProperty("outage.saveInterval", "1s"),
                        // every player registers from 127.0.0.1 (bench/outages.sh brings 20)
                        "RATE_LIMIT_EXEMPT_LOOPBACK", "true")));
        auth = stack.auth();
        authPort = URI.create(stack.authUrl()).getPort();
        mapPort = ServiceProcess.freeTcpAndUdpPort();
        mapServer = stack.startMapServer(1, mapPort, Map.of("SERVER_ID", "map-server-outage"));
    }

    @AfterAll
    static void stopBackend() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void leave() {
        if (steering != null) {
            steering.shutdownNow();
        }
        players.forEach(player -> player.client.close());
    }

    @Test
    void postgresRestartedWhilePlayersWalkKicksNobodyAndLosesNothing() throws Exception {
        for (Duration outage : durations("outage.postgres", "8s")) {
            survive("pg" + outage.toSeconds(), "PostgreSQL stopped", outage, postgres::close,
                    () -> postgres = EmbeddedPostgresServer.startPersistent(pgDirectory, pgPort));
        }
    }

    @Test
    void authServiceKilledLongerThanTheLeaseTtlKicksNobodyAndLosesNothing() throws Exception {
        for (Duration outage : durations("outage.auth", "12s")) {
            survive("au" + outage.toSeconds(), "auth-service killed", outage, auth::kill, this::restartAuthService);
        }
    }

    /** Something done to the store (stopping it, starting it again). */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Players walk; {@code stop}; {@code outage} later {@code start}; nobody may be removed, nothing lost. */
    private void survive(String prefix, String fault, Duration outage, Step stop, Step start) throws Exception {
        enterAndWalk(prefix);
        SaveBacklog backlog = new SaveBacklog();
        stop.run();
        walkFor(outage, backlog);
        start.run();
        backlog.storeBack();
        walkFor(Duration.ofSeconds(3), backlog);
        backlog.awaitDrained(Duration.ofSeconds(30));
        assertNobodyRemovedAndLastPositionsStored(fault + " for " + outage);
        backlog.report(fault, outage);
        leave();
        players.clear();
    }

    @Test
    void authServiceKilledWhileItsWritesWaitForTheDatabaseKicksNobodyAndLosesNothing() throws Exception {
        enterAndWalk("cut");
        String before = mapServer.logText();
        SaveBacklog backlog = new SaveBacklog();
        postgres.close();
        // Saves every second reach auth-service and wait there for a connection: writes sent, outcome unknown.
        walkFor(Duration.ofSeconds(3), backlog);
        auth.kill();
        postgres = EmbeddedPostgresServer.startPersistent(pgDirectory, pgPort);
        walkFor(Duration.ofSeconds(2), backlog);
        restartAuthService();
        backlog.storeBack();
        walkFor(Duration.ofSeconds(3), backlog);
        backlog.awaitDrained(Duration.ofSeconds(30));
        assertThat(mapServer.logText().substring(before.length())).as("saves failed while auth-service was away")
                .contains("Character save failed");
        assertNobodyRemovedAndLastPositionsStored("writes cut after they were sent");
        backlog.report("auth-service killed with writes in flight", Duration.ofSeconds(5));
    }

    /** Comma-separated durations like {@code 20s,60s} from a system property, else {@code fallback}. */
    private static List<Duration> durations(String property, String fallback) {
        List<Duration> all = new ArrayList<>();
        for (String part : System.getProperty(property, fallback).split(",")) {
            Matcher seconds = SECONDS.matcher(part.trim());
            if (!seconds.matches()) {
                throw new IllegalArgumentException(property + ": " + part + " (expected e.g. 20s)");
            }
            all.add(Duration.ofSeconds(Long.parseLong(seconds.group(1))));
        }
        return all;
    }

    private void restartAuthService() throws Exception {
        auth = stack.startAuthService(authPort, Map.of());
        auth.awaitAnswer(stack.authUrl() + "/actuator/health", "\"UP\"", Duration.ofSeconds(120), http);
    }

    /** A player in the world: its client, its character and how its stay ended (null while it plays). */
    private record Player(String characterId, MapClient client, AtomicReference<String> ending) {
    }

    private void enterAndWalk(String prefix) throws Exception {
        for (int i = 0; i < PLAYERS; i++) {
            String user = "out_" + prefix + "_" + i + "_" + (System.nanoTime() % 100_000);
            AuthClient account = new AuthClient(stack.authUrl());
            account.register(user, "correct-horse-" + user);
            String name = "O" + prefix + i + Integer.toString(Math.floorMod(user.hashCode(), 1_000_000), 36);
            AuthClient.Character character = account.createCharacter(name.substring(0, Math.min(16, name.length())), "1");
            AtomicReference<String> ending = new AtomicReference<>();
            MapClient client = MapClient.connect("127.0.0.1", mapPort,
                    TICKETS.issue("map-server-outage", character.id(), account.session().userId(), 1).token(), TIMEOUT,
                    new MapListener() {
                        @Override
                        public void rejected(Rejected rejected) {
                            ending.compareAndSet(null, rejected.code);
                        }

                        @Override
                        public void disconnected() {
                            ending.compareAndSet(null, "DISCONNECTED");
                        }
                    });
            players.add(new Player(character.id(), client, ending));
        }
        // Every player walks to and fro (east for 1.5 s, then west), as a client steers every tick.
        steering = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        steering.scheduleAtFixedRate(() -> {
            boolean east = ((System.nanoTime() - start) / 1_500_000_000L) % 2 == 0;
            players.forEach(player -> player.client.move(east ? 1 : -1, 0.3f * (east ? 1 : -1)));
        }, 0, 50, TimeUnit.MILLISECONDS);
        walkFor(Duration.ofSeconds(2));
    }

    /** Lets the players walk on for {@code time} (the fault under test goes on meanwhile). */
    private static void walkFor(Duration time) {
        walkFor(time, null);
    }

    /** As {@link #walkFor(Duration)}, reading the map server's save backlog meanwhile. */
    private static void walkFor(Duration time, SaveBacklog backlog) {
        long until = System.nanoTime() + time.toNanos();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).atMost(time.plusSeconds(5))
                .until(() -> {
                    if (backlog != null) {
                        backlog.read();
                    }
                    return System.nanoTime() - until >= 0;
                });
    }

    /**
     * What an outage cost, from the map server's health: the most characters with unsaved progress,
     * the oldest unsaved progress, and how long after the store came back no save waited for a retry.
     * Printed as one line per outage (bench/outages.sh puts them in BENCHMARKS.md).
     */
    private static final class SaveBacklog {

        private static final Pattern PENDING = Pattern.compile("\"pending\":(\\d+),\"retrying\":(\\d+),\"oldest_unsaved_ms\":(\\d+)");
        private final HttpClient http = HttpClient.newHttpClient();
        private int peakPending;
        private long peakOldestMillis;
        private long backAt;
        private long drainedAfterMillis = -1;

        void read() {
            try {
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.opsPortOf(mapServer)
                        + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher saves = PENDING.matcher(health);
                if (!saves.find()) {
                    return;
                }
                peakPending = Math.max(peakPending, Integer.parseInt(saves.group(1)));
                peakOldestMillis = Math.max(peakOldestMillis, Long.parseLong(saves.group(3)));
                if (backAt != 0 && drainedAfterMillis < 0 && Integer.parseInt(saves.group(2)) == 0) {
                    drainedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);
                }
            } catch (IOException e) {
                // the health read is a measurement only; the next one counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void storeBack() {
            backAt = System.nanoTime();
        }

        /** Players walk on until no save waits for a retry, for at most {@code limit} (a measurement: never fails). */
        void awaitDrained(Duration limit) {
            long until = System.nanoTime() + limit.toNanos();
            while (drainedAfterMillis < 0 && System.nanoTime() - until < 0) {
                walkFor(Duration.ofMillis(250), this);
            }
        }

        void report(String fault, Duration outage) {
            System.out.printf("OUTAGE %s for %d s: %d players, none removed; peak unsaved characters %d, oldest unsaved %.1f s; "
                            + "no save waiting for a retry %s after the store was back%n", fault, outage.toSeconds(), PLAYERS,
                    peakPending, peakOldestMillis / 1000.0,
                    drainedAfterMillis < 0 ? "not within 33 s" : String.format("%.1f s", drainedAfterMillis / 1000.0));
        }
    }

    private void assertNobodyRemovedAndLastPositionsStored(String fault) throws Exception {
        steering.shutdownNow();
        assertThat(steering.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        for (Player player : players) {
            assertThat(player.ending.get()).as("%s: character %s was removed", fault, player.characterId).isNull();
            assertThat(player.client.isConnected()).as("%s: character %s still connected", fault, player.characterId)
                    .isTrue();
            player.client.move(0, 0);
        }
        for (Player player : players) {
            await().atMost(TIMEOUT).until(() -> player.client.prediction().pendingInputs() == 0);
        }
        // The last position each player stopped at reaches the database (saves run every second).
        for (Player player : players) {
            float x = player.client.prediction().x();
            float y = player.client.prediction().y();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode position = stored(player.characterId).path("position");
                assertThat(position.path("x").asDouble()).as("%s: stored x of %s", fault, player.characterId)
                        .isCloseTo(x, within(8.0));
                assertThat(position.path("y").asDouble()).as("%s: stored y of %s", fault, player.characterId)
                        .isCloseTo(y, within(8.0));
            });
        }
        assertThat(mapServer.logText()).as("the map server removed a player (a refused save or a lost lease)")
                .doesNotContain("player removed").doesNotContain("Player removed");
    }

    private JsonNode stored(String characterId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stack.authUrl() + "/characters/" + characterId + "/internal"))
                .header("X-Internal-Key", INTERNAL_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
