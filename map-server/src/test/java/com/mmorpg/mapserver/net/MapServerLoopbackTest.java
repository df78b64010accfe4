package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapLayoutRequest;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.Welcome;
import com.mmorpg.common.token.LiveViewCredentials;
import com.mmorpg.mapserver.MapServer;
import com.mmorpg.mapserver.MapServerConfig;
import com.mmorpg.mapserver.map.ShippedContent;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The real KryoNet wiring on loopback, with auth-service and world-directory played by HTTP stubs. */
class MapServerLoopbackTest {

    private LoopbackMapServer loopback;
    private HttpStub auth;
    private HttpStub directory;
    private MapServer server;

    @BeforeEach
    void start() throws Exception {
        loopback = LoopbackMapServer.start(Map.of("SAVE_INTERVAL", "1s"));
        auth = loopback.auth;
        directory = loopback.directory;
        server = loopback.server;
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    private KryoTestClient enter(String characterId) throws Exception {
        return loopback.enter(characterId);
    }

    private static String character(String id, String userId, float x, float y) {
        return LoopbackMapServer.character(id, userId, x, y);
    }

    @Test
    void aPlayerWithATicketIsWelcomedMovesOverUdpSeesAnotherAndIsSavedOnLeaving() throws Exception {
        try (KryoTestClient a = enter("11"); KryoTestClient b = enter("12")) {
            Welcome welcome = a.await(Welcome.class);
            assertThat(welcome.characterId).isEqualTo("11");
            assertThat(welcome.x).isEqualTo(400f);
            assertThat(welcome.level).isEqualTo(3);
            assertThat(welcome.maxHp).isEqualTo(190);
            int bId = b.await(Welcome.class).entityId;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)) // among the mobs near the spawn
                    .until(() -> a.all(EntityEntered.class).stream().anyMatch(entered -> entered.id == bId));

            for (int seq = 1; seq <= 10; seq++) {
                a.client.sendUDP(new MoveInput(seq, 1, 0));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> a.all(Snapshot.class).stream()
                    .anyMatch(s -> s.ackSeq == 10 && s.originX() > 400));

            b.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.all(EntityLeft.class).isEmpty());
            assertThat(a.all(EntityLeft.class).getFirst().id).isEqualTo(bId);
            await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/12/internal/state").stream()
                    .anyMatch(call -> call.body().contains("\"release\":true")));
            HttpStub.Call save = auth.calls("PUT /characters/12/internal/state").getLast();
            assertThat(save.body()).contains("\"map_id\":1", "\"level\":3", "\"version\":4", "\"lease_id\":1012",
                    "\"release\":true");
            assertThat(auth.calls("POST /characters/12/internal/lease").getFirst().body())
                    .contains("\"server_id\":\"map-server-1\"", "\"map_id\":1", "\"ticket_jti\":");
            assertThat(save.internalKey()).isEqualTo(MapServerConfig.DEV_INTERNAL_API_KEY);
        }
    }

    @Test
    void aReplayedOrForgedTicketIsRejectedWithItsReasonAndDisconnected() throws Exception {
        String token = loopback.ticket("21");
        try (KryoTestClient first = new KryoTestClient(server.port())) {
            first.client.sendTCP(new Authenticate(token));
            first.await(Welcome.class);
        }
        try (KryoTestClient replay = new KryoTestClient(server.port());
                KryoTestClient forged = new KryoTestClient(server.port())) {
            replay.client.sendTCP(new Authenticate(token));
            forged.client.sendTCP(new Authenticate(token.substring(0, token.length() - 4) + "AAAA"));

            assertThat(replay.await(Rejected.class).code).isEqualTo("TICKET_REPLAYED");
            assertThat(forged.await(Rejected.class).code).isEqualTo("TICKET_INVALID");
            replay.awaitDisconnected();
            forged.awaitDisconnected();
            assertThat(replay.all(Welcome.class)).isEmpty();
        }
    }

    @Test
    void aClientThatDoesNotAuthenticateInTimeOrSendsSomethingElseFirstIsDropped() throws Exception {
        try (KryoTestClient silent = new KryoTestClient(server.port());
                KryoTestClient rude = new KryoTestClient(server.port())) {
            rude.client.sendTCP(new MoveInput(1, 1, 0));

            assertThat(rude.await(Rejected.class).code).isEqualTo("AUTH_REQUIRED");
            assertThat(silent.await(Rejected.class).code).isEqualTo("AUTH_TIMEOUT");
            silent.awaitDisconnected();
        }
    }

    @Test
    void whenAuthServiceCannotLoadTheCharacterThePlayerIsToldAndDisconnected() throws Exception {
        auth.answer("POST /characters/31/internal/lease", 503, "{}");
        auth.answer("POST /characters/32/internal/lease", 404, "{\"code\":\"CHARACTER_NOT_FOUND\"}");
        auth.answer("POST /characters/33/internal/lease", 200, LoopbackMapServer.granted("33", "someone-else", 400, 304, 7));
        auth.answer("POST /characters/34/internal/lease", 409, "{\"code\":\"TICKET_REPLAYED\",\"message\":\"used\"}");
        auth.answer("POST /characters/35/internal/lease", 409, "{\"code\":\"TICKET_WRONG_MAP\",\"message\":\"on map 2\"}");
        try (KryoTestClient down = enter("31"); KryoTestClient gone = enter("32"); KryoTestClient stolen = enter("33");
                KryoTestClient replayed = enter("34"); KryoTestClient moved = enter("35")) {
            assertThat(down.await(Rejected.class).code).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(gone.await(Rejected.class).code).isEqualTo("CHARACTER_NOT_FOUND");
            assertThat(stolen.await(Rejected.class).code).isEqualTo("FORBIDDEN");
            assertThat(replayed.await(Rejected.class).code).isEqualTo("TICKET_REPLAYED");
            assertThat(moved.await(Rejected.class).code).isEqualTo("TICKET_WRONG_MAP");
        }
        assertThat(server.world().playerCount()).isZero();
        await("the lease granted for a player refused here is given back").atMost(Duration.ofSeconds(10))
                .until(() -> !auth.calls("DELETE /characters/33/internal/lease/7").isEmpty());
    }

    @Test
    void aCharacterWantedByANewerLoginElsewhereIsSavedReleasedAndToldWhileALostLeaseEndsThePlayerWithoutAWrite()
            throws Exception {
        try (KryoTestClient wanted = enter("51"); KryoTestClient orphan = enter("52")) {
            wanted.await(Welcome.class);
            orphan.await(Welcome.class);
            auth.answer("POST /internal/leases/renew", 200, Contracts.renewed(List.of(LoopbackMapServer.leaseOf("52")),
                    List.of(LoopbackMapServer.leaseOf("51"))));

            assertThat(wanted.await(Rejected.class).code).isEqualTo("SESSION_REPLACED");
            assertThat(orphan.await(Rejected.class).code).isEqualTo("LEASE_LOST");
            await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/51/internal/state").stream()
                    .anyMatch(call -> call.body().contains("\"release\":true")));
            assertThat(auth.calls("PUT /characters/51/internal/state").getLast().body()).contains("\"lease_id\":1051");
            assertThat(auth.calls("PUT /characters/52/internal/state")).as("nothing written under a lost lease")
                    .noneMatch(call -> call.body().contains("\"release\":true"));
            assertThat(server.world().playerCount()).isZero();
        }
    }

    @Test
    void aPlayerKickedByStaffIsSavedReleasedAndToldKickedWhileOthersPlayOn() throws Exception {
        try (KryoTestClient kicked = enter("54"); KryoTestClient bystander = enter("55")) {
            kicked.await(Welcome.class);
            bystander.await(Welcome.class);
            auth.answer("POST /internal/leases/renew", 200, Contracts.renewed(List.of(), List.of(),
                    List.of(LoopbackMapServer.leaseOf("54"))));

            assertThat(kicked.await(Rejected.class).code).isEqualTo("KICKED");
            await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/54/internal/state").stream()
                    .anyMatch(call -> call.body().contains("\"release\":true") && call.body().contains("\"lease_id\":1054")));
            assertThat(server.world().playerCount()).isEqualTo(1);
            assertThat(auth.calls("PUT /characters/55/internal/state")).noneMatch(call -> call.body().contains("\"release\":true"));
        }
    }

    @Test
    void aCharacterStaffUnstuckIsPutOnTheSpawnPointAndSavedThere() throws Exception {
        auth.answer("POST /characters/56/internal/lease", 200, Contracts.granted(Contracts.hero("56", "user-56", 1200, 900),
                LoopbackMapServer.leaseOf("56")));
        try (KryoTestClient stuck = enter("56")) {
            assertThat(stuck.await(Welcome.class).x).isEqualTo(1200f);
            auth.answer("POST /internal/leases/renew", 200, Contracts.unstuck(List.of(LoopbackMapServer.leaseOf("56"))));

            await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/56/internal/state").stream()
                    .anyMatch(call -> call.body().contains("\"x\":400.0") && call.body().contains("\"y\":304.0")));
            assertThat(server.world().playerCount()).as("still playing").isEqualTo(1);
        }
    }

    @Test
    void aSaveRefusedWithAConflictUnderAnotherServersLeaseRemovesThePlayerAtOnce() throws Exception {
        auth.answer("PUT /characters/61/internal/state", 409, "{\"code\":\"STALE_VERSION\"}");
        // The read-back: the character is someone else's now (a conflict under this stay's own lease is resolved).
        auth.answer("GET /characters/61/internal/lease", 200, "{\"character_id\":\"61\",\"version\":9,\"lease_id\":9999,"
                + "\"server_id\":\"map-server-elsewhere\",\"expires_at\":\"2030-01-01T00:00:00Z\",\"live\":true}");
        try (KryoTestClient player = enter("61")) {
            player.await(Welcome.class);
            for (int seq = 1; seq <= 5; seq++) {
                player.client.sendUDP(new MoveInput(seq, 1, 0));
            }
            server.world().submit(new com.mmorpg.mapserver.sim.Command.Kick("61", 0, "X", "x", false)); // wrong lease: ignored
            assertThat(player.await(Rejected.class).code).isEqualTo("STALE_VERSION");
            assertThat(server.world().playerCount()).isZero();
        }
    }

    @Test
    void aClientAsksForTheMapItPlaysOnOnceAndGetsTheServersOwnDefinition() throws Exception {
        try (KryoTestClient a = enter("51")) {
            a.await(Welcome.class);
            a.client.sendTCP(new MapLayoutRequest());
            MapLayout layout = a.await(MapLayout.class);

            JsonNode definition = JsonMapper.builder().build().readTree(layout.definition);
            ObjectNode file = (ObjectNode) JsonMapper.builder().build().readTree(ShippedContent.DIR.resolve("maps/1.json").toFile());
            file.putArray("safe_zones"); // what the server assumes where the file is silent, said
            assertThat(layout.mapId).isEqualTo(1);
            assertThat(definition).isEqualTo(file); // the file the world was loaded from, field for field
            assertThat(definition.get("tiles").size()).isEqualTo(ShippedContent.CONTENT.map(1).heightTiles());

            a.client.sendTCP(new MapLayoutRequest()); // a second one is dropped and counted, not answered
            await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().scrape().contains("reason=\"layout_repeated\""));
            a.client.sendTCP(new MapLayoutRequest());
            await().atMost(Duration.ofSeconds(10)).until(() -> a.all(Snapshot.class).size() > 40);
            assertThat(a.all(MapLayout.class)).hasSize(1);
            assertThat(a.disconnected).isFalse();
        }
    }

    @Test
    void aFloodingClientIsDisconnectedAndTheServerKeepsServingOthers() throws Exception {
        try (KryoTestClient flood = enter("41")) {
            flood.await(Welcome.class);
            for (int seq = 1; seq <= 2_000 && !flood.disconnected; seq++) {
                flood.client.sendTCP(new MoveInput(seq, 1, 0));
            }
            assertThat(flood.await(Rejected.class).code).isEqualTo("FLOODING");
            flood.awaitDisconnected();
        }
        try (KryoTestClient calm = enter("42")) {
            assertThat(calm.await(Welcome.class).characterId).isEqualTo("42");
        }
        assertThat(server.metrics().scrape()).contains("reason=\"rate_limited\"");
    }

    @Test
    void registersHeartbeatsReRegistersAfterA404AndDeregistersOnShutdown() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/heartbeat").size() >= 2);
        HttpStub.Call register = directory.calls("POST /map-registry/register").getFirst();
        assertThat(register.body()).contains("\"id\":\"map-server-1\"", "\"supported_maps\":[1]",
                "\"port\":" + server.port(), "\"state\":\"ACTIVE\"", "\"ip\":\"127.0.0.1\"");
        assertThat(register.internalKey()).isEqualTo(MapServerConfig.DEV_INTERNAL_API_KEY);
        assertThat(directory.calls("POST /map-registry/heartbeat").getFirst().body()).contains("\"current_players\":0");

        directory.answer("POST /map-registry/heartbeat", 404, "{\"code\":\"SERVER_NOT_REGISTERED\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.calls("POST /map-registry/register").size() >= 2);
        directory.answer("POST /map-registry/heartbeat", 200, "{}");

        server.shutdown();

        assertThat(directory.calls("POST /map-registry/register").getLast().body()).contains("\"state\":\"DRAINING\"");
        assertThat(directory.calls("DELETE /map-registry/server/map-server-1")).hasSize(1);
    }

    @Test
    void opsPortServesHealthAndPrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.registration().isRegistered());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.opsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.opsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"server_id\":\"map-server-1\"", "\"registered\":true");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("mmo_map_tick_duration_seconds_bucket", "mmo_map_tick_cpu_seconds_bucket", "mmo_map_players",
                "mmo_map_tick_overruns_total", "mmo_map_ground_items", "mmo_map_trades_open");
    }

    @Test
    void theConsoleWatchesAChannelThroughTheOpsPortWithAViewCredentialForThisServerOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.opsPort();
        LiveViewCredentials minted = new LiveViewCredentials(MapServerConfig.DEV_INTERNAL_API_KEY, Clock.systemUTC());
        String credential = minted.issue("map-server-1");
        try (KryoTestClient watched = enter("71")) {
            int entity = watched.await(Welcome.class).entityId;

            assertThat(view(http, base + "/view/channel/1", null, null).statusCode()).isEqualTo(401);
            assertThat(view(http, base + "/view/channel/1", "not-a-credential", null).statusCode()).isEqualTo(401);
            assertThat(view(http, base + "/view/map", null, MapServerConfig.DEV_INTERNAL_API_KEY).statusCode())
                    .as("the master key opens no live map").isEqualTo(401);
            assertThat(view(http, base + "/view/map", MapServerConfig.DEV_INTERNAL_API_KEY, null).statusCode()).isEqualTo(401);
            assertThat(view(http, base + "/view/map", minted.issue("map-server-2"), null).statusCode())
                    .as("another server's credential").isEqualTo(401);
            String expired = new LiveViewCredentials(MapServerConfig.DEV_INTERNAL_API_KEY,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2))).issue("map-server-1");
            assertThat(view(http, base + "/view/map", expired, null).statusCode()).as("an expired credential").isEqualTo(401);
            String forged = new LiveViewCredentials("another-internal-key-0123456789abcdef", Clock.systemUTC())
                    .issue("map-server-1");
            assertThat(view(http, base + "/view/map", forged, null).statusCode()).isEqualTo(401);

            assertThat(view(http, base + "/view/channel/9", credential, null).statusCode()).isEqualTo(404);
            HttpResponse<String> map = view(http, base + "/view/map", credential, null);
            assertThat(map.statusCode()).isEqualTo(200);
            assertThat(map.body()).contains("\"id\":1", "\"tile_size\":32", "\"rows\":[\"#");

            // The first request starts the frames; the player's own row then appears at its position.
            await().atMost(Duration.ofSeconds(10)).until(() -> view(http, base + "/view/channel/1", credential, null)
                    .body().contains("[" + entity + ",0,1,\"Hero71\",400.0,304.0,120,190,"));
            await().atMost(Duration.ofSeconds(10)).until(() -> view(http, base + "/view/character/71", credential, null)
                    .body().matches("\\{\"character_id\":\"71\",\"entity_id\":" + entity
                    + ",\"channel\":1,\"x\":400.0,\"y\":304.0,\"tick\":\\d+}"));
            assertThat(view(http, base + "/view/character/99999", credential, null).statusCode()).as("not here").isEqualTo(404);
        }
    }

    private static HttpResponse<String> view(HttpClient http, String url, String credential, String internalKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        if (internalKey != null) {
            request.header("X-Internal-Key", internalKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
