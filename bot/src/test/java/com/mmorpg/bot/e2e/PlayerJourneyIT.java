package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.bot.PlayBot;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.client.map.MapRejectedException;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's player journey on the real backend: auth-service, world-directory, gateway and two map
 * servers (maps 1 and 2), each its own process from its packaged jar, on real PostgreSQL and
 * Redis, driven by the client SDK over HTTP, WebSocket and KryoNet TCP+UDP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayerJourneyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static BackendStack stack;
    private static String authUrl;
    private static String gatewayUrl;
    private static ServiceProcess mapServerOne;
    private static ServiceProcess mapServerTwo;
    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    /** Our metric families: what the dashboard and rules may name besides Prometheus's own "up". */
    private static final Pattern OURS = Pattern.compile("\\b((?:mmo|auth|gateway|directory)_[a-z0-9_]+)\\b");

    @BeforeAll
    static void startBackend() throws Exception {
        stack = BackendStack.start(Path.of(".."), "gateway-1");
        authUrl = stack.authUrl();
        gatewayUrl = stack.gatewayUrl();
        mapServerOne = stack.startMapServer(1);
        mapServerTwo = stack.startMapServer(2);
    }

    @AfterAll
    static void stopBackend() {
        if (stack != null) {
            stack.close(); // map servers first: they save their players and deregister on the way out
        }
    }

    private record Player(AuthClient auth, AuthClient.Character character) {
    }

    private static Player newPlayer(String user) {
        AuthClient auth = new AuthClient(authUrl);
        auth.register(user, "correct-horse-" + user);
        AuthClient.Character character = auth.createCharacter(user.replace("_", ""), "1");
        return new Player(auth, character);
    }

    @Test
    void accountsAndCharactersFollowWorkflowsOneAndTwo() {
        AuthClient auth = new AuthClient(authUrl);
        auth.register("journey_w1", "correct-horse-w1");
        assertThatThrownBy(() -> new AuthClient(authUrl).register("journey_w1", "another-password-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> new AuthClient(authUrl).login("journey_w1", "wrong-password-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(new AuthClient(authUrl).login("journey_w1", "correct-horse-w1").accessToken()).isNotBlank();

        assertThat(auth.classes()).extracting(AuthClient.CharacterClass::name).contains("Warrior", "Mage", "Archer");
        auth.createCharacter("Wanda", "2");
        assertThat(auth.characters()).singleElement().satisfies(c -> {
            assertThat(c.className()).isEqualTo("Mage");
            assertThat(c.level()).isEqualTo(1);
        });
    }

    @Test
    void aPlayerEntersTheWorldThroughTheGatewayAndTheMapServerSimulatesIt() {
        Player player = newPlayer("journey_enter");
        try (GatewayClient gateway = GatewayClient.connect(gatewayUrl, player.auth().accessToken(), TIMEOUT)) {
            MapAssignment assignment = gateway.enterWorld(player.character().id());
            assertThat(assignment.mapId()).isEqualTo(1);
            assertThat(assignment.serverId()).isEqualTo("map-server-1");
            List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    new MapListener() {
                        @Override
                        public void snapshot(Snapshot snapshot) {
                            snapshots.add(snapshot);
                        }
                    })) {
                assertThat(map.welcome().characterId).isEqualTo(player.character().id());
                assertThat(map.welcome().x).isEqualTo(400f);
                assertThat(map.welcome().y).isEqualTo(304f);
                for (int i = 0; i < 10; i++) {
                    map.move(0, 1); // one input per tick, as a game loop sends them
                    sleep(50);
                }
                map.move(0, 0);
                await().atMost(TIMEOUT).until(() -> snapshots.stream().anyMatch(s -> s.ackSeq == 11));
                await().atMost(TIMEOUT).until(() -> map.prediction().pendingInputs() == 0);
                Snapshot last = snapshots.getLast();
                assertThat(last.originY()).isGreaterThan(304f + 30);
                assertThat(map.prediction().y()).as("prediction reconciled with the server").isEqualTo(last.originY(),
                        org.assertj.core.api.Assertions.within(0.5f));
            }
            assertThatThrownBy(() -> MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(),
                    TIMEOUT, new MapListener() { }))
                    .isInstanceOfSatisfying(MapRejectedException.class, e -> assertThat(e.code()).isEqualTo("TICKET_REPLAYED"));
        }
    }

    @Test
    void someoneElsesCharacterIsForbiddenAndABadTokenIsRefused() {
        Player owner = newPlayer("journey_owner");
        AuthClient thief = new AuthClient(authUrl);
        thief.register("journey_thief", "correct-horse-thief");
        try (GatewayClient gateway = GatewayClient.connect(gatewayUrl, thief.accessToken(), TIMEOUT)) {
            assertThatThrownBy(() -> gateway.enterWorld(owner.character().id()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        }
        assertThatThrownBy(() -> GatewayClient.connect(gatewayUrl, "not-a-token", TIMEOUT))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("CLOSED_1008"));
    }

    @Test
    void experienceSurvivesLeavingAndComingBack() {
        List<String> lines = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        new PlayBot(new PlayBot.Endpoints(authUrl, gatewayUrl), "journey_bot", "correct-horse-bot", lines::add)
                .play(() -> System.nanoTime() < deadline && lines.stream().noneMatch(line -> line.startsWith("exp ")));
        assertThat(lines).as(String.join("\n", lines)).anyMatch(line -> line.startsWith("killed "));

        // the last progress the bot was shown: "exp +12 (24/100), level 1" (the first one has no gain)
        Matcher shown = Pattern.compile("^exp (?:[+-]\\d+ )?\\((\\d+)/\\d+\\), level (\\d+)$").matcher(
                lines.stream().filter(line -> line.startsWith("exp ")).reduce((a, b) -> b).orElseThrow());
        assertThat(shown.matches()).as(String.join("\n", lines)).isTrue();
        long shownExp = Long.parseLong(shown.group(1));
        int shownLevel = Integer.parseInt(shown.group(2));

        AuthClient again = new AuthClient(authUrl);
        again.login("journey_bot", "correct-horse-bot");
        // saved on leaving: at least what the client was shown (a kill may land between that line and the exit)
        await().atMost(TIMEOUT).untilAsserted(() -> {
            AuthClient.Character saved = again.characters().getFirst();
            assertThat(saved.level()).isGreaterThanOrEqualTo(shownLevel);
            if (saved.level() == shownLevel) {
                assertThat(saved.exp()).isGreaterThanOrEqualTo(shownExp).isPositive();
            }
        });
    }

    @Test
    void aSocketThatFollowsItsSessionOutlivesItsAccessTokenAndOneThatDoesNotIsClosed() throws Exception {
        // A second auth-service on the same database with 3-second access tokens: same secret, same gateway.
        int port = ServiceProcess.freePort();
        try (ServiceProcess shortLived = stack.startAuthService(port, java.util.Map.of("ACCESS_TOKEN_TTL", "3s"))) {
            String url = "http://127.0.0.1:" + port;
            shortLived.awaitAnswer(url + "/actuator/health", "\"UP\"", Duration.ofSeconds(120));
            AuthClient following = new AuthClient(url);
            following.register("journey_follow", "correct-horse-follow");
            AuthClient forgetful = new AuthClient(url);
            forgetful.register("journey_forget", "correct-horse-forget");
            java.time.Instant firstExpiry = AuthClient.expiresAt(following.accessToken());

            try (GatewayClient kept = GatewayClient.connect(gatewayUrl, following.accessToken(), TIMEOUT).followSession(following);
                    GatewayClient dropped = GatewayClient.connect(gatewayUrl, forgetful.accessToken(), TIMEOUT)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !dropped.isOpen());
                await().atMost(Duration.ofSeconds(20)).until(() -> java.time.Instant.now().isAfter(firstExpiry.plusSeconds(3)));

                assertThat(kept.isOpen()).as(String.valueOf(kept.renewalFailure())).isTrue();
                kept.ping();
                assertThat(AuthClient.expiresAt(following.accessToken())).isAfter(firstExpiry);
                assertThat(dropped.closeReason()).isEqualTo("Session expired");
            }
        }
    }

    /** Last: it stops map 2's server. */
    /**
     * The Grafana dashboard and the alert rules in deploy/observability use only metrics the real
     * services export: every metric name their expressions name is in the scrapes of auth-service,
     * world-directory, the gateway and a map server once players have played through them.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void everyMetricTheDashboardAndAlertsUseIsExported() throws Exception {
        Set<String> used = new TreeSet<>();
        for (Path file : new Path[] {OBSERVABILITY.resolve("grafana/dashboards/mmorpg.json"), OBSERVABILITY.resolve("alerts.yml")}) {
            Matcher names = OURS.matcher(Files.readString(file));
            while (names.find()) {
                used.add(names.group(1));
            }
        }
        assertThat(used).contains("mmo_map_channel_players", "gateway_enter_world_seconds_bucket", "auth_login_total");
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        new PlayBot(new PlayBot.Endpoints(authUrl, gatewayUrl), "obs_player", "correct-horse-obs", line -> { })
                .play(() -> System.nanoTime() < until);
        assertThatThrownBy(() -> new AuthClient(authUrl).login("obs_player", "wrong-password-1")).isInstanceOf(ApiException.class);
        AuthClient auth = new AuthClient(authUrl);
        auth.login("obs_player", "correct-horse-obs");
        try (GatewayClient gateway = GatewayClient.connect(gatewayUrl, auth.session().accessToken(), TIMEOUT)) {
            assertThatThrownBy(() -> gateway.enterWorld("987654321")).isInstanceOf(GatewayException.class);
        }

        String[] scrapes = {authUrl + "/actuator/prometheus", stack.worldUrl() + "/actuator/prometheus",
                "http://127.0.0.1:" + stack.gatewayPort() + "/actuator/prometheus",
                "http://127.0.0.1:" + stack.opsPortOf(mapServerOne) + "/metrics"};
        // the player's disconnect and save reach the map server's counters a moment after it leaves
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exported(scrapes)).containsAll(used));
    }

    private static Set<String> exported(String[] urls) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String url : urls) {
            HttpResponse<String> scrape = stack.http().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(url).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aGateLeadsToMapTwoWhoseServerSavesThePlayerOnSigtermAndLeavesTheMapWithoutAServer() throws Exception {
        Player player = newPlayer("journey_gate");
        try (GatewayClient gateway = GatewayClient.connect(gatewayUrl, player.auth().accessToken(), TIMEOUT)) {
            MapAssignment first = gateway.enterWorld(player.character().id());
            AtomicReference<MapTransfer> transfer = new AtomicReference<>();
            try (MapClient map = MapClient.connect(first.mapIp(), first.mapPort(), first.ticket(), TIMEOUT, new MapListener() {
                @Override
                public void transfer(MapTransfer moved) {
                    transfer.set(moved);
                }
            })) {
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (transfer.get() == null && System.nanoTime() < deadline) {
                    map.move(1, 0); // along the path row from the spawn point to the east gate
                    sleep(40);
                }
            }
            assertThat(transfer.get()).as("reached the gate").isNotNull();
            assertThat(transfer.get().mapId).isEqualTo(2);

            MapAssignment second = gateway.joinMap(2);
            assertThat(second.serverId()).isEqualTo("map-server-2");
            assertThat(second.spawnX()).isEqualTo(112.0);
            float savedX;
            float savedY;
            try (MapClient map = MapClient.connect(second.mapIp(), second.mapPort(), second.ticket(), TIMEOUT, new MapListener() { })) {
                assertThat(map.welcome().mapId).isEqualTo(2);
                assertThat(map.welcome().x).isEqualTo(112f);
                assertThat(map.welcome().y).isEqualTo(208f);
                for (int step = 0; step < 20; step++) {
                    map.move(1, 0); // a few steps east on map 2
                    sleep(40);
                }
                map.move(0, 0);
                await().atMost(TIMEOUT).until(() -> map.prediction().pendingInputs() == 0);
                savedX = map.prediction().x();
                savedY = map.prediction().y();
                assertThat(savedX).as("walked east of the arrival point").isGreaterThan(112f);

                // SIGTERM with the player still connected: drained, saved, deregistered, gone in < 10 s
                assertThat(mapServerTwo.terminate(Duration.ofSeconds(10))).as("map server 2 exited within 10 s").isTrue();
            }
            AuthClient.Character saved = player.auth().character(player.character().id());
            assertThat(saved.mapId()).isEqualTo("2");
            assertThat(saved.position().x()).as("x saved at shutdown").isCloseTo(savedX, within(2.0));
            assertThat(saved.position().y()).as("y saved at shutdown").isCloseTo(savedY, within(2.0));

            // map 2 has no server any more: the directory forgot it at once (the gateway may reuse
            // its last answer for MAP_LOOKUP_CACHE, 1 s)
            await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(() -> gateway.enterWorld(player.character().id()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("MAP_NOT_FOUND")));
            assertThat(gateway.isOpen()).as("an error keeps the connection usable").isTrue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the client's input rate while walking, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
