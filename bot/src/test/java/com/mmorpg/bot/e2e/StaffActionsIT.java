package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.bot.PlayBot;
import com.mmorpg.client.gateway.ChatMessage;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.client.map.MapRejectedException;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.testsupport.BackendStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Support staff against a player in the world, every process real (auth-service, world-directory,
 * gateway, map server): an announcement reaches the player's socket, a kick removes the character
 * from its map server and closes the gateway socket with KICKED, a ban closes the next socket and
 * refuses the login, and the audit lists all three. A bot and a player talk on the map and in
 * whispers, and a mute silences the player until it is lifted.
 */
class StaffActionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The stack's ticket secret (the development default every service starts with here). */
    private static final MapTicketCodec TICKETS = new MapTicketCodec(
            SigningKeys.of("TICKET_SECRET", "dev-only-ticket-secret-change-me-0123456789abcdef", null),
            Duration.ofSeconds(30), Clock.systemUTC());
    private static BackendStack stack;

    @BeforeAll
    static void startBackend() throws Exception {
        stack = BackendStack.start(Path.of(".."), "gateway-staff", BackendStack.Options.defaults()
                .withEnvironment(Map.of("ADMIN_USERNAME", "ops_chief", "ADMIN_PASSWORD", "ops-chief-password-1")));
        stack.startMapServer(1, Map.of("CHANNELS", "1"));
    }

    @AfterAll
    static void stopBackend() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAnnouncementAKickAndABanReachAPlayerInTheWorldAndAreAudited() throws Exception {
        AuthClient player = new AuthClient(stack.authUrl());
        String userId = player.register("staff_target", "correct-horse-target").userId();
        AuthClient.Character character = player.createCharacter("Targeted", "1");
        String staff = new AuthClient(stack.authUrl()).login("ops_chief", "ops-chief-password-1").accessToken();
        List<String> announcements = new CopyOnWriteArrayList<>();
        List<String> mapRejections = new CopyOnWriteArrayList<>();

        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)
                .onAnnouncement(announcements::add)) {
            MapAssignment assignment = gateway.enterWorld(character.id());
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    new MapListener() {
                        @Override
                        public void rejected(Rejected rejected) {
                            mapRejections.add(rejected.code);
                        }
                    })) {
                assertThat(map.welcome().characterId).isEqualTo(character.id());

                assertThat(post("/admin/announce", "{\"message\":\"Maintenance in 10 minutes\"}", staff).status())
                        .isEqualTo(200);
                await().atMost(TIMEOUT).until(() -> announcements.contains("Maintenance in 10 minutes"));
                gateway.ping(); // the announcement did not answer anything, and the socket still works

                Reply kicked = post("/admin/accounts/" + userId + "/kick", "{}", staff);
                assertThat(kicked.status()).isEqualTo(200);
                assertThat(kicked.json().get("characters_in_world").asInt()).isEqualTo(1);
                await().atMost(TIMEOUT).until(() -> mapRejections.contains("KICKED"));
                await().atMost(TIMEOUT).until(() -> !gateway.isOpen());
                assertThat(gateway.closeReason()).isEqualTo("Kicked");
            }
        }
        // Not a ban: the player comes back at once, and the character was saved and released on the way out.
        player.login("staff_target", "correct-horse-target");
        try (GatewayClient again = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)) {
            MapAssignment assignment = again.enterWorld(character.id());
            assertThat(assignment.mapId()).isEqualTo(1);

            assertThat(post("/admin/accounts/" + userId + "/ban", "{\"reason\":\"e2e\"}", staff).status()).isEqualTo(200);
            await().atMost(TIMEOUT).until(() -> !again.isOpen());
            assertThat(again.closeReason()).isEqualTo("Session revoked");
        }
        assertThatThrownBy(() -> new AuthClient(stack.authUrl()).login("staff_target", "correct-horse-target"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ACCOUNT_BANNED"));

        JsonNode audit = get("/admin/audit?limit=3", staff).json();
        assertThat(audit).extracting(entry -> entry.get("action").asString()).containsExactly("ban", "kick", "announce");
        assertThat(audit).allSatisfy(entry -> assertThat(entry.get("actor_name").asString()).isEqualTo("ops_chief"));
        assertThat(get("/admin/audit", player.accessToken()).status()).as("a banned player's token").isEqualTo(401);
    }

    @Test
    void aBotAndAPlayerTalkOnTheMapAndInWhispersAndStaffMuteThePlayer() throws Exception {
        AuthClient player = new AuthClient(stack.authUrl());
        String userId = player.register("chat_player", "correct-horse-chat").userId();
        AuthClient.Character character = player.createCharacter("Chatty", "1");
        String staff = new AuthClient(stack.authUrl()).login("ops_chief", "ops-chief-password-1").accessToken();
        List<ChatMessage> heard = new CopyOnWriteArrayList<>();
        List<String> botLines = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean botPlaying = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread bot = Thread.ofVirtual().start(() -> new PlayBot(new PlayBot.Endpoints(stack.authUrl(), stack.gatewayUrl()),
                "chat_bot", "bot-password-chat", botLines::add, new PlayBot.Talk("map", "hello from the bot", Duration.ofSeconds(1)))
                .play(botPlaying::get));
        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT).onChat(heard::add)) {
            gateway.enterWorld(character.id());

            await().atMost(TIMEOUT).until(() -> heard.stream().anyMatch(line -> line.text().equals("hello from the bot")
                    && line.fromName().equals("chatbot") && line.channel().equals("map") && "1".equals(line.mapId())));
            gateway.say("map", "hi bot");
            gateway.whisper("ChatBot", "psst");
            await().atMost(TIMEOUT).until(() -> botLines.contains("[map] Chatty: hi bot")
                    && botLines.contains("[whisper] Chatty -> chatbot: psst"));

            assertThat(post("/admin/accounts/" + userId + "/mute", "{\"reason\":\"e2e\",\"duration_seconds\":600}", staff)
                    .status()).isEqualTo(200);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(() -> gateway.say("map", "can I speak?"))
                    .isInstanceOfSatisfying(com.mmorpg.client.gateway.GatewayException.class,
                            e -> assertThat(e.code()).isEqualTo("CHAT_MUTED")));
            assertThat(delete("/admin/accounts/" + userId + "/mute", staff).status()).isEqualTo(204);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> gateway.say("map", "thanks") != null);
            assertThat(gateway.history("map")).extracting(ChatMessage::text).contains("hi bot", "thanks")
                    .doesNotContain("can I speak?");
        } finally {
            botPlaying.set(false);
            bot.join(TIMEOUT.toMillis());
        }
        assertThat(botLines).noneMatch(line -> line.startsWith("chat refused"));
    }

    @Test
    void aLogoutAndABanRemoveThePlayerFromTheMapServerAndATicketOfThemOpensNoStay() throws Exception {
        AuthClient player = new AuthClient(stack.authUrl());
        String userId = player.register("map_target", "correct-horse-map").userId();
        AuthClient.Character character = player.createCharacter("Mapped", "1");
        String staff = new AuthClient(stack.authUrl()).login("ops_chief", "ops-chief-password-1").accessToken();
        List<String> mapRejections = new CopyOnWriteArrayList<>();
        MapListener listener = new MapListener() {
            @Override
            public void rejected(Rejected rejected) {
                mapRejections.add(rejected.code);
            }
        };

        // A logout ends the session the character entered with: the map server lets the character go.
        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)) {
            MapAssignment assignment = gateway.enterWorld(character.id());
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    listener)) {
                player.logout();
                await().atMost(TIMEOUT).until(() -> mapRejections.contains("SESSION_REVOKED"));
                await().atMost(TIMEOUT).until(() -> !map.isConnected());
            }
        }

        // A ban: the player is on the map over TCP and UDP, and is gone within the lease poll (1 s) and a tick.
        player.login("map_target", "correct-horse-map");
        mapRejections.clear();
        try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), player.accessToken(), TIMEOUT)) {
            MapAssignment assignment = gateway.enterWorld(character.id());
            try (MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                    listener)) {
                long banned = System.nanoTime();
                assertThat(post("/admin/accounts/" + userId + "/ban", "{\"reason\":\"stolen session\"}", staff).status())
                        .isEqualTo(200);
                await().atMost(TIMEOUT).until(() -> mapRejections.contains("BANNED") && !map.isConnected());
                long tookMillis = (System.nanoTime() - banned) / 1_000_000;
                System.out.printf("ban to map-server removal: %d ms%n", tookMillis);
                // The design is one lease poll (1 s) and a tick; the bound leaves a slow machine room, not a minute.
                assertThat(tookMillis).as("ban to removal, ms").isLessThan(5_000);
            }
            // A ticket minted for the banned account (as the gateway would have a moment before the ban) opens no stay.
            String ticket = TICKETS.issue(assignment.serverId(), character.id(), userId, assignment.mapId()).token();
            assertThatThrownBy(() -> MapClient.connect(assignment.mapIp(), assignment.mapPort(), ticket, TIMEOUT, listener))
                    .isInstanceOfSatisfying(MapRejectedException.class, e -> assertThat(e.code()).isEqualTo("BANNED"));
        }
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static Reply post(String path, String json, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.authUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), bearer);
    }

    private static Reply delete(String path, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.authUrl() + path)).DELETE(), bearer);
    }

    private static Reply get(String path, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.authUrl() + path)).GET(), bearer);
    }

    private static Reply send(HttpRequest.Builder request, String bearer) throws Exception {
        HttpResponse<String> response = stack.http().send(request.header("Authorization", "Bearer " + bearer)
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
