package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.client.map.MapRejectedException;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One character, one world, on real processes: auth-service on PostgreSQL holding the leases, two
 * map servers for map 1 and one for map 2, the unmodified KryoNet client. Tickets are minted here
 * with the development ticket secret (what the gateway does) so each test can aim at a server. The
 * lease TTL is 6 s and saves every 2 s, so a crash is recovered from within the test.
 */
class CharacterLeaseIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    private static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final Map<String, String> FAST = Map.of("LEASE_TTL", "6s", "LEASE_RENEW_INTERVAL", "2s",
            "SAVE_INTERVAL", "2s");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MapTicketCodec TICKETS = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", TICKET_SECRET, null),
            Duration.ofSeconds(30), Clock.systemUTC());
    private static BackendStack stack;
    private static int portA;
    private static int portB;
    private static int portTwo;
    private static ServiceProcess serverTwo;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBackend() throws Exception {
        stack = BackendStack.start(Path.of(".."), "gateway-1", BackendStack.Options.defaults().withEnvironment(FAST));
        portA = ServiceProcess.freeTcpAndUdpPort();
        stack.startMapServer(1, portA, Map.of("SERVER_ID", "map-server-1a"));
        portB = ServiceProcess.freeTcpAndUdpPort();
        stack.startMapServer(1, portB, Map.of("SERVER_ID", "map-server-1b"));
        portTwo = ServiceProcess.freeTcpAndUdpPort();
        serverTwo = stack.startMapServer(2, portTwo, Map.of("SERVER_ID", "map-server-2"));
    }

    @AfterAll
    static void stopBackend() {
        if (stack != null) {
            stack.close();
        }
    }

    private record Hero(String userId, String characterId) {
    }

    private static Hero newHero(String user) {
        AuthClient auth = new AuthClient(stack.authUrl());
        auth.register(user, "correct-horse-" + user);
        AuthClient.Character character = auth.createCharacter(user.replace("_", ""), "1");
        return new Hero(auth.session().userId(), character.id());
    }

    private static String ticket(Hero hero, String serverId, int mapId) {
        return TICKETS.issue(serverId, hero.characterId(), hero.userId(), mapId).token();
    }

    /** A client that records how its stay ended. */
    private static final class Ending implements MapListener {

        final AtomicReference<String> code = new AtomicReference<>();

        @Override
        public void rejected(Rejected rejected) {
            code.compareAndSet(null, rejected.code);
        }

        @Override
        public void disconnected() {
            code.compareAndSet(null, "DISCONNECTED");
        }
    }

    @Test
    void theNewerLoginOnAnotherServerOfTheMapWinsWithinTheBoundAndKeepsWhatTheOlderStayDid() throws Exception {
        Hero hero = newHero("lease_twice");
        Ending first = new Ending();
        MapClient older = MapClient.connect("127.0.0.1", portA, ticket(hero, "map-server-1a", 1), TIMEOUT, first);
        float startX = older.welcome().x;
        walkEast(older, startX + 60);
        older.move(0, 0);
        await().atMost(TIMEOUT).until(() -> older.prediction().pendingInputs() == 0);
        float walkedTo = older.prediction().x();

        long started = System.nanoTime();
        MapClient newer = MapClient.connect("127.0.0.1", portB, ticket(hero, "map-server-1b", 1), TIMEOUT, new Ending());
        Duration handover = Duration.ofNanos(System.nanoTime() - started);

        // Connected at all means within HANDOVER_WAIT: past it the newer server answers CHARACTER_IN_WORLD.
        System.out.printf("handover: the newer login got the character after %d ms%n", handover.toMillis());
        await().atMost(TIMEOUT).until(() -> first.code.get() != null);
        assertThat(first.code.get()).isEqualTo("SESSION_REPLACED");
        assertThat(newer.welcome().x).as("the older stay's last state reached the newer one").isCloseTo(walkedTo,
                org.assertj.core.api.Assertions.within(8f));
        assertThat(stored(hero).path("x").asDouble()).isCloseTo(walkedTo, org.assertj.core.api.Assertions.within(8.0));
        System.out.printf("handover from map-server-1a to map-server-1b took %d ms%n", handover.toMillis());
        newer.close();
        older.close();
    }

    @Test
    void anOldTicketForTheMapACharacterLeftThroughAGateIsRefusedAndTheCharacterStaysInOneWorld() throws Exception {
        Hero hero = newHero("lease_gate");
        String oldTicket = ticket(hero, "map-server-1a", 1); // kept, as a cheat would, before walking through the gate
        moveToMap(hero, 2); // what a gate stores: the target map, and the lease released, in one write

        Ending onTwo = new Ending();
        MapClient there = MapClient.connect("127.0.0.1", portTwo, ticket(hero, "map-server-2", 2), TIMEOUT, onTwo);
        assertThatThrownBy(() -> MapClient.connect("127.0.0.1", portA, oldTicket, TIMEOUT, new Ending()))
                .isInstanceOfSatisfying(MapRejectedException.class, e -> assertThat(e.code()).isEqualTo("TICKET_WRONG_MAP"));
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> onTwo.code.get() == null && there.isConnected());
        there.close();
    }

    @Test
    void aTicketUsedOnceIsRefusedAfterItsServerRestarted() throws Exception {
        Hero hero = newHero("lease_restart");
        moveToMap(hero, 2);
        String ticket = ticket(hero, "map-server-2", 2);
        MapClient.connect("127.0.0.1", portTwo, ticket, TIMEOUT, new Ending()).close();

        assertThat(serverTwo.terminate(Duration.ofSeconds(20))).isTrue();
        serverTwo = stack.startMapServer(2, portTwo, Map.of("SERVER_ID", "map-server-2"));

        assertThatThrownBy(() -> MapClient.connect("127.0.0.1", portTwo, ticket, TIMEOUT, new Ending()))
                .isInstanceOfSatisfying(MapRejectedException.class, e -> assertThat(e.code()).isEqualTo("TICKET_REPLAYED"));
    }

    @Test
    void afterAMapServerIsKilledItsPlayerEntersElsewhereOnceTheLeaseLapsesLosingAtMostTheSaveInterval() throws Exception {
        Hero hero = newHero("lease_crash");
        int port = ServiceProcess.freeTcpAndUdpPort();
        ServiceProcess doomed = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-1c"));
        MapClient playing = MapClient.connect("127.0.0.1", port, ticket(hero, "map-server-1c", 1), TIMEOUT, new Ending());
        float startX = playing.welcome().x;
        walkEast(playing, startX + 200);
        float atCrash = playing.prediction().x();
        doomed.kill(); // SIGKILL: no shutdown hook, no last save, no release
        long crashed = System.nanoTime();

        MapClient[] after = new MapClient[1];
        await().atMost(Duration.ofSeconds(30)).ignoreException(MapRejectedException.class).until(() -> {
            after[0] = MapClient.connect("127.0.0.1", portB, ticket(hero, "map-server-1b", 1), TIMEOUT, new Ending());
            return true;
        });
        Duration waited = Duration.ofNanos(System.nanoTime() - crashed);
        float lost = atCrash - after[0].welcome().x;
        float speed = playing.welcome().speed;
        System.out.printf("after the crash: in the world again after %d ms, %.0f px of walking lost (%.1f s)%n",
                waited.toMillis(), lost, lost / speed);
        // Back at all (within the 30 s above) means the lease (6 s TTL) lapsed and was taken over.
        assertThat(lost / speed).as("seconds of progress lost: SAVE_INTERVAL (2 s) plus a tick or two; doubled for a "
                + "slow machine, where a save can wait").isLessThanOrEqualTo(5f);
        after[0].close();
        playing.close();
    }

    /** Steers east every 50 ms (as a client does every tick) until the predicted x passes {@code x}. */
    @Test
    void aKilledMapServerRestartedUnderItsIdWithinTheLeaseTtlTakesItsPlayerBackFromTheLastSave() throws Exception {
        Hero hero = newHero("lease_reborn");
        int port = ServiceProcess.freeTcpAndUdpPort();
        ServiceProcess doomed = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-1d"));
        MapClient playing = MapClient.connect("127.0.0.1", port, ticket(hero, "map-server-1d", 1), TIMEOUT, new Ending());
        float startX = playing.welcome().x;
        walkEast(playing, startX + 40);
        float walkedTo = playing.prediction().x();
        doomed.kill(); // SIGKILL: no last save, no release
        playing.close();
        String lease = "/characters/" + hero.characterId() + "/internal/lease";
        long heldBefore = internal("GET", lease, null).path("lease_id").asLong();

        // "Within the lease TTL" made certain: the test renews the dead run's lease (as that run did every 2 s)
        // until the new run has the player, so a slow restart on a busy machine cannot let the 6 s TTL lapse.
        Map<String, Object> renewal = Map.of("server_id", "map-server-1d", "lease_ids", List.of(heldBefore));
        internal("POST", "/internal/leases/renew", renewal);
        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor();
        keeper.scheduleWithFixedDelay(() -> {
            try {
                internal("POST", "/internal/leases/renew", renewal);
            } catch (Exception | AssertionError e) {
                System.out.println("renewing the dead run's lease failed: " + e); // the lease id check below tells
            }
        }, 1, 1, TimeUnit.SECONDS);
        MapClient back;
        ServiceProcess reborn;
        try {
            reborn = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-1d"));
            // The new run is the same holder to auth-service: it gets the character at once (the lease is
            // resumed, not waited out), from the last save, and nobody else holds it meanwhile.
            back = MapClient.connect("127.0.0.1", port, ticket(hero, "map-server-1d", 1), TIMEOUT, new Ending());
        } finally {
            keeper.shutdownNow();
            assertThat(keeper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(back.welcome().characterId).isEqualTo(hero.characterId());
        assertThat(back.welcome().x).as("the last save: between the start and where the player walked")
                .isBetween(startX - 1, walkedTo + 1);
        JsonNode held = internal("GET", lease, null);
        assertThat(held.path("server_id").asString()).isEqualTo("map-server-1d");
        assertThat(held.path("lease_id").asLong()).isEqualTo(heldBefore);
        walkEast(back, back.welcome().x + 20); // and it plays on
        back.close();
        reborn.terminate(Duration.ofSeconds(20));
    }

    private static void walkEast(MapClient client, float x) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            client.move(1, 0);
            return client.prediction().x() > x;
        });
    }

    /** The character's stored state, from auth-service's internal API. */
    private JsonNode stored(Hero hero) throws Exception {
        JsonNode character = internal("GET", "/characters/" + hero.characterId() + "/internal", null);
        return character.path("position");
    }

    /** Stores the character on another map and frees it, as a gate's write does (a lease taken as a tool). */
    private void moveToMap(Hero hero, int mapId) throws Exception {
        String base = "/characters/" + hero.characterId() + "/internal";
        JsonNode character = internal("GET", base, null);
        JsonNode lease = internal("POST", base + "/lease", Map.of("server_id", "lease-it", "map_id",
                character.path("map_id").asInt(), "ticket_jti", UUID.randomUUID().toString()));
        internal("PUT", base + "/state", Map.of("map_id", mapId, "position", Map.of("x", 208, "y", 208), "hp", 100, "mp", 10,
                "level", 1, "exp", 0, "version", lease.path("character").path("version").asLong(), "lease_id",
                lease.path("lease_id").asLong(), "release", true));
    }

    private JsonNode internal(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.authUrl() + path))
                .header("X-Internal-Key", INTERNAL_KEY).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
