package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.content.WorldContent;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ContentFolders;
import com.mmorpg.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A studio makes its own world without touching code: a copy of the shipped content with a new class
 * (Ranger), a new mob type (cave rat) and a new map drawn in Tiled (map 4, the Rat Cellar, whose file is
 * {@code studio/4.tmj}), reached through map 1's east gate. The whole stack runs on that folder; a bot
 * makes a Ranger, walks through the gate, gets the map the server simulates from auth-service's public
 * route, and kills a cave rat. Then a map server started on other content is refused players.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioContentIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CAVE_RAT = 6;
    /** The development default every service of the stack has. */
    private static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";

    @TempDir
    static Path folder;

    private static Path content;
    private static BackendStack stack;
    private static ServiceProcess meadows;

    @BeforeAll
    static void startOnTheStudiosContent() throws Exception {
        content = studioContent(folder.resolve("content"));
        stack = BackendStack.start(Path.of(".."), "gateway-studio",
                BackendStack.Options.defaults().withEnvironment(Map.of("CONTENT_DIR", content.toString())));
        meadows = stack.startMapServer(1);
        stack.startMapServer(4);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRangerWalksIntoTheTiledCellarSeesTheMapTheServerSimulatesAndKillsACaveRat() throws Exception {
        String version = WorldContent.load(content).version();
        AuthClient auth = new AuthClient(stack.authUrl());
        auth.register("studio_ranger", "correct-horse-ranger");
        assertThat(auth.classes()).anyMatch(k -> k.id().equals("4") && k.name().equals("Ranger"));
        AuthClient.Character ranger = auth.createCharacter("Ranger1", "4");
        assertThat(ranger.className()).isEqualTo("Ranger");

        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.accessToken(), TIMEOUT)) {
            MapAssignment meadow = gateway.enterWorld(ranger.id());
            assertThat(meadow.mapVersion()).isEqualTo(version);
            AtomicReference<MapTransfer> transfer = new AtomicReference<>();
            try (MapClient map = MapClient.connect(meadow.mapIp(), meadow.mapPort(), meadow.ticket(), TIMEOUT, new MapListener() {
                @Override
                public void transfer(MapTransfer moved) {
                    transfer.set(moved);
                }
            })) {
                assertThat(map.welcome().classId).isEqualTo(4);
                assertThat(map.welcome().attackRange).isEqualTo(200f);
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (transfer.get() == null && System.nanoTime() < deadline) {
                    map.move(1, 0); // along map 1's path row, east, into its gate, which now leads to the cellar
                    sleep(40);
                }
            }
            assertThat(transfer.get()).as("reached map 1's east gate").isNotNull();
            assertThat(transfer.get().mapId).isEqualTo(4);

            MapAssignment cellar = gateway.joinMap(4);
            assertThat(cellar.serverId()).isEqualTo("map-server-4");
            AtomicReference<MapLayout> layout = new AtomicReference<>();
            AtomicReference<CombatEvent> kill = new AtomicReference<>();
            int[] me = new int[1];
            try (MapClient map = MapClient.connect(cellar.mapIp(), cellar.mapPort(), cellar.ticket(), TIMEOUT, new MapListener() {
                @Override
                public void layout(MapLayout received) {
                    layout.set(received);
                }

                @Override
                public void combat(CombatEvent event) {
                    if (event.killed && event.attackerId == me[0]) {
                        kill.set(event);
                    }
                }
            })) {
                me[0] = map.welcome().entityId;
                assertThat(map.welcome().mapId).isEqualTo(4);
                assertThat(map.welcome().x).isEqualTo(160f);

                // The map as auth-service serves it is the map this server simulates.
                map.requestLayout();
                await().atMost(TIMEOUT).until(() -> layout.get() != null);
                HttpResponse<String> served = stack.http().send(HttpRequest.newBuilder(URI.create(stack.authUrl() + "/maps/4"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(served.headers().firstValue("ETag")).contains("\"" + version + "\"");
                JsonNode fromRoute = JSON.readTree(served.body());
                assertThat(fromRoute).isEqualTo(JSON.readTree(layout.get().definition));
                assertThat(fromRoute.get("name").asString()).isEqualTo("Rat Cellar");
                assertThat(fromRoute.get("source").asString()).isEqualTo("maps/4.tmj");

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (kill.get() == null && System.nanoTime() < deadline) {
                    Optional<MapClient.EntityView> rat = nearestRat(map);
                    if (rat.isEmpty()) {
                        map.move(1, 0); // into the zone, where the rats are
                    } else {
                        float dx = rat.get().x() - map.prediction().x();
                        float dy = rat.get().y() - map.prediction().y();
                        double distance = Math.hypot(dx, dy);
                        if (distance > 150) {
                            map.move((float) (dx / distance), (float) (dy / distance));
                        } else {
                            map.move(0, 0);
                            map.attack(rat.get().id());
                        }
                    }
                    sleep(100);
                }
                assertThat(kill.get()).as("killed a cave rat").isNotNull();
                assertThat(kill.get().targetHp).isZero();
            }
        }
    }

    @Test
    @Order(2) // it replaces map 1's server with one on other content
    void aMapServerOnOtherContentIsRefusedPlayersWithAClearError() throws Exception {
        AuthClient auth = new AuthClient(stack.authUrl());
        auth.register("studio_other", "correct-horse-other");
        AuthClient.Character hero = auth.createCharacter("Other1", "1");
        assertThat(meadows.terminate(Duration.ofSeconds(15))).isTrue();
        // the shipped content: another version than auth-service's
        meadows = stack.startMapServer(1, Map.of("CONTENT_DIR", Path.of("..", "content").toAbsolutePath().normalize().toString()));

        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.accessToken(), TIMEOUT)) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(() -> gateway.enterWorld(hero.id()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("CONTENT_MISMATCH")));
            assertThat(gateway.isOpen()).isTrue();
        }
        HttpResponse<String> refused = stack.http().send(HttpRequest.newBuilder(URI.create(stack.worldUrl()
                        + "/map-registry/map/1?content_version=" + WorldContent.load(content).version()))
                .header("X-Internal-Key", INTERNAL_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("message").asString())
                .contains("map-server-1=" + WorldContent.load(Path.of("..", "content")).version(), "CONTENT_DIR");
    }

    private static Optional<MapClient.EntityView> nearestRat(MapClient map) {
        return map.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_MOB && e.typeId() == CAVE_RAT && e.hp() > 0)
                .min(Comparator.comparingDouble(e -> Math.hypot(e.x() - map.prediction().x(), e.y() - map.prediction().y())));
    }

    /** The shipped content plus a class, a mob type and a Tiled map, with map 1's east gate leading to the new map. */
    private static Path studioContent(Path target) throws IOException {
        ContentFolders.copy(Path.of("..", "content"), target);
        edit(target.resolve("classes.json"), file -> ((ArrayNode) file.get("classes")).add(JSON.readTree("""
                {"id": 4, "name": "Ranger", "description": "A scout who shoots from afar.", "hp": 100, "mp": 50,
                 "attack": 30, "defense": 4, "speed": 140, "attack_range": 200,
                 "growth": {"hp": 10, "mp": 5, "attack": 2, "defense": 1}}""")));
        edit(target.resolve("mobs.json"), file -> ((ArrayNode) file.get("mobs")).add(JSON.readTree("""
                {"key": "cave_rat", "id": 6, "name": "Cave Rat", "hp": 12, "attack": 1, "defense": 0, "speed": 30,
                 "aggro_radius": 0, "attack_range": 20, "attack_cooldown_ticks": 40, "leash_radius": 96,
                 "exp_reward": 5, "respawn_delay_ticks": 100, "elite": false}""")));
        edit(target.resolve("maps/1.json"), map -> {
            ObjectNode gate = (ObjectNode) map.get("gates").get(0);
            gate.put("target_map", 4);
            gate.putObject("target").put("x", 160).put("y", 160);
        });
        try (InputStream cellar = StudioContentIT.class.getResourceAsStream("/studio/4.tmj")) {
            Files.write(target.resolve("maps/4.tmj"), cellar.readAllBytes());
        }
        return target;
    }

    private static void edit(Path file, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(tree);
        Files.writeString(file, JSON.writeValueAsString(tree));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the client's input rate, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
