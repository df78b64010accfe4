package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.bot.e2e.GodotEngine.Run;
import com.mmorpg.bot.e2e.GodotEngine.Running;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.testsupport.items.ItemAudit;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo client ({@code godot/demo/}: Login → Character Select → World) played as a person meets
 * it: Godot 4.6 renders the real scenes under Xvfb, and {@code godot/test/demo_play.gd} fills in their
 * fields, presses their buttons and walks the character, against the backend on real processes with
 * both maps, while other players (the Java SDK) stand at map 1's spawn, each with a potion staff granted, and trade it for
 * whatever the demo's player offers; support staff announce. The script asserts on what
 * the scenes hold; this test on what it printed, on a log free of script errors, and on the three
 * screenshots (real frames, not blank), which it keeps in {@code target/godot-demo/} for README
 * ({@code ./scripts/demo-screenshots.sh} copies them to {@code docs/demo/}).
 */
@Timeout(value = 14, unit = TimeUnit.MINUTES)
@ExtendWith(GodotEngine.OneClassAtATime.class)
class GodotDemoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** content/items.json: Health Potion. */
    private static final int POTION = 1;
    static final Path SCREENSHOTS = Path.of("target", "godot-demo");

    @TempDir
    static Path home;

    @Test
    void aPlayerLogsInCreatesACharacterHuntsChatsAndTakesTheGate() throws Exception {
        GodotEngine.GODOT4.require();
        String announcement = "Double experience tonight " + System.nanoTime();
        try (BackendStack stack = BackendStack.start(Path.of(".."), "gateway-demo", BackendStack.Options.defaults()
                .withEnvironment(Map.of("ADMIN_USERNAME", "demo_ops", "ADMIN_PASSWORD", "demo-ops-password-1")))) {
            stack.startMapServer(1, Map.of("CHANNELS", "2"));
            stack.startMapServer(2, Map.of("CHANNELS", "2"));
            // A player at the spawn on each channel: the map puts a newcomer on the least full one.
            String staffToken = new AuthClient(stack.authUrl()).login("demo_ops", "demo-ops-password-1").accessToken();
            try (Neighbour first = Neighbour.enter(stack, "demo_neighbour_1", "Neighbour", staffToken);
                    Neighbour second = Neighbour.enter(stack, "demo_neighbour_2", "NeighbourTwo", staffToken)) {
                assertThat(List.of(first.map.channel(), second.map.channel())).containsExactlyInAnyOrder(1, 2);
                Path shots = Files.createDirectories(home.resolve("shots")); // under /tmp: Godot 4's chroot sees it
                Running godot = GodotEngine.GODOT4.start(true, List.of("-s", "res://test/demo_play.gd"), Map.of(
                        "MMO_AUTH_URL", stack.authUrl(), "MMO_GATEWAY_URL", stack.gatewayUrl(),
                        "MMO_SCREENSHOTS", shots.toString(), "MMO_EXPECT_OTHER_PLAYER", "1",
                        "MMO_EXPECT_ANNOUNCEMENT", announcement), home);
                // Support staff announce once the player has walked into map 2; the World shows it.
                await().atMost(Duration.ofSeconds(420)).until(() -> !godot.isAlive()
                        || godot.output().contains("step waiting for an announcement"));
                if (godot.isAlive()) {
                    Announcements.announce(stack, "demo_ops", "demo-ops-password-1", announcement);
                }
                Run run = godot.await(120);
                keep(shots);

                assertThat(run.exitCode()).as(run.output()).isZero();
                assertThat(run.output()).contains("step login", "step character select", "step character created",
                        "step world map Greenfield Meadows", "step walked", "step other player seen Neighbour",
                        "step killed", "step loot on the ground", "step picked up", "step inventory window shows",
                        "step trade open with Neighbour", "step trade done with Neighbour", "step chat", "step channel", "step world map Darkwood Forest",
                        "step announcement shown '" + announcement + "'", "DEMO OK");
                assertThat(run.engineErrors()).as(run.output()).isEmpty();
                // One of the neighbours traded its potion away for the demo's loot, stored for both.
                assertThat(first.traded() + second.traded()).isEqualTo(1);
                try (Connection connection = stack.database().connect()) {
                    ItemAudit.Result audit = ItemAudit.run(connection);
                    assertThat(audit.problems()).isEmpty();
                    assertThat(audit.created()).isEqualTo(audit.aliveUnits() + audit.destroyed());
                }
            }
        }
        for (String scene : List.of("login", "character_select", "world", "inventory", "trade")) {
            assertIsARealFrame(SCREENSHOTS.resolve(scene + ".png"));
        }
    }

    /**
     * A player of the Java SDK standing where it entered, with a health potion support staff granted before it entered. It
     * trades as an obliging player would: accepts whoever asks, offers the potion, locks once the other side has locked and
     * confirms once the other side has confirmed.
     */
    private record Neighbour(GatewayClient gateway, MapClient map, Trader trader) implements AutoCloseable {

        static Neighbour enter(BackendStack stack, String username, String name, String staffToken) throws Exception {
            AuthClient auth = new AuthClient(stack.authUrl());
            auth.register(username, "correct-horse-" + username);
            AuthClient.Character character = auth.createCharacter(name, "1");
            HttpResponse<String> granted = stack.http().send(HttpRequest.newBuilder(
                            URI.create(stack.authUrl() + "/admin/characters/" + character.id() + "/items"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + staffToken)
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("{\"type_id\": " + POTION + ", \"quantity\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.accessToken(), TIMEOUT);
            try {
                MapAssignment assignment = gateway.enterWorld(character.id());
                Trader trader = new Trader();
                MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT, trader);
                trader.map = map;
                await().atMost(TIMEOUT).until(() -> map.inventory().values().stream().anyMatch(item -> item.typeId() == POTION));
                return new Neighbour(gateway, map, trader);
            } catch (Exception e) {
                gateway.close();
                throw e;
            }
        }

        int traded() {
            return trader.done.get();
        }

        @Override
        public void close() {
            map.close();
            gateway.close();
        }
    }

    /** The neighbour's answers to trade updates (on the map client's thread). */
    private static final class Trader implements MapListener {

        volatile MapClient map;
        final AtomicInteger done = new AtomicInteger();

        @Override
        public void trade(TradeUpdate update) {
            MapClient client = map;
            if (client == null) {
                return;
            }
            switch (update.state) {
                case TradeUpdate.INVITED -> client.acceptTrade(update.partnerId);
                case TradeUpdate.OPEN -> {
                    if (update.mine.isEmpty()) {
                        client.inventory().values().stream().filter(item -> item.typeId() == POTION).findFirst()
                                .ifPresent(potion -> client.offer(potion.slot()));
                    } else if (update.theirsLocked && !update.mineLocked) {
                        client.lockTrade();
                    } else if (update.theirsConfirmed && update.mineLocked && !update.mineConfirmed) {
                        client.confirmTrade();
                    }
                }
                case TradeUpdate.DONE -> done.incrementAndGet();
                default -> {
                }
            }
        }
    }

    private static void keep(Path shots) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try (var files = Files.list(shots)) {
            for (Path file : files.toList()) {
                Files.copy(file, SCREENSHOTS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A 1280 × 720 picture with more than a few colours: something was drawn, not a blank or black window. */
    private static void assertIsARealFrame(Path png) throws Exception {
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).as(png.toString()).isEqualTo(1280);
        assertThat(image.getHeight()).as(png.toString()).isEqualTo(720);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 8) {
            for (int x = 0; x < image.getWidth(); x += 8) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(png + " colours").isGreaterThan(8);
    }
}
