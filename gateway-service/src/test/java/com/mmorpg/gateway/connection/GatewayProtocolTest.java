package com.mmorpg.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.gateway.DependencyStub;
import com.mmorpg.gateway.WsClient;
import com.mmorpg.testsupport.http.Contracts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The gateway over real WebSockets, with its dependencies played by a local stub server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "GATEWAY_ID=gateway-test", "gateway.session-refresh-interval=1s", "gateway.map-lookup-cache=10m",
        "gateway.entries-per-minute=6"})
class GatewayProtocolTest {

    static final String JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
    static final String TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    static final DependencyStub STUB = newStub();
    static final AtomicLong IDS = new AtomicLong(1000);

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("gateway.auth-service-url", STUB::url);
        registry.add("gateway.world-directory-url", STUB::url);
        com.mmorpg.testsupport.SpringTestServers.redis(registry);
        registry.add("gateway.gateway-id", () -> "gateway-test");
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private Counter floodCloses() {
        return meters.counter("gateway.closes", "reason", "rate_limited");
    }

    /**
     * The server closed {@code client} for its flood, once (counted by reason whatever the client saw). The
     * client sees 1008 "Rate limit exceeded", or a reset when the server's close crossed the flood (a
     * reset discards what the client had not read yet, the close frame too).
     */
    private void assertClosedForTheFlood(WsClient client, double closedBefore) {
        WsClient.Close close = client.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> floodCloses().count() == closedBefore + 1);
        if (close.code() != -1) {
            assertThat(close.code()).as(close.reason()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("Rate limit exceeded");
        }
    }

    @Test
    void badTokensAreClosedWith1008BeforeAnyFrame() {
        String expired = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null), Duration.ofMinutes(15),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue("1").token();
        String forged = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", "another-secret-0123456789abcdefghij", null),
                Duration.ofMinutes(15), Clock.systemUTC()).issue("1").token();
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64("{\"userId\":\"1\",\"iat\":1,\"exp\":99999999999}") + ".";

        for (String token : new String[] {null, expired, forged, unsigned, "garbage"}) {
            WsClient client = WsClient.connect(uri(token));

            WsClient.Close close = client.awaitClose();

            assertThat(close.code()).as(String.valueOf(token)).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("Invalid token");
            assertThat(client.pending()).isZero();
        }
    }

    @Test
    void aTokenThatIsNotEvenUrlEncodedIsRefusedWithoutAStackTrace() throws Exception {
        // No WebSocket client sends ?token=%zz (it is not a URI): the upgrade is written by hand. Jetty
        // refuses the request line itself (400); were it let through, the handler closes it 1008.
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws?token=%zz HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(8192), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void validTokenGetsWelcomeAndTheSessionIsAnnounced() {
        String user = nextId();
        WsClient client = WsClient.connect(uri(token(user)));

        JsonNode welcome = client.next();

        assertThat(welcome.get("event").asString()).isEqualTo("welcome");
        assertThat(welcome.get("data").get("message").asString()).isEqualTo("Connected to Gateway");
        assertThat(welcome.get("data").get("user_id").asString()).isEqualTo(user);
        assertThat(STUB.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/session/online");
            assertThat(call.body()).contains("\"userId\":\"" + user + "\"").contains("\"gatewayId\":\"gateway-test\"");
            assertThat(call.internalKey()).isEqualTo("dev-only-internal-api-key-0123456789abcdef");
        });
        client.close();
    }

    @Test
    void authorizationHeaderWorksToo() {
        WsClient client = WsClient.connect(URI.create("ws://localhost:" + port + "/ws"), token(nextId()));

        assertThat(client.next().get("event").asString()).isEqualTo("welcome");
        client.close();
    }

    @Test
    void pingUnknownAndMalformedKeepTheConnectionOpen() {
        WsClient client = connected(nextId());

        client.send("ping", "{}");
        assertThat(client.next().get("event").asString()).isEqualTo("pong");
        client.send("teleport", "{}");
        assertError(client.next(), "UNKNOWN_EVENT");
        client.send("{not json");
        assertError(client.next(), "INVALID_MESSAGE");
        client.send("[1,2]");
        assertError(client.next(), "INVALID_MESSAGE");
        client.send("{\"event\":42}");
        assertError(client.next(), "INVALID_MESSAGE");
        client.send("enter_world", "\"oops\"");
        assertError(client.next(), "INVALID_MESSAGE");
        client.send("enter_world", "{\"character_id\":{\"$gt\":1}}");
        assertError(client.next(), "INVALID_MESSAGE");
        client.send("enter_world", "{\"character_id\":-4}");
        assertError(client.next(), "INVALID_MESSAGE");

        client.send("{\"event\":\"ping\"}");
        assertThat(client.next().get("event").asString()).isEqualTo("pong");
        client.close();
    }

    @Test
    void enterWorldHandsOutAVerifiableTicketForTheRightServer() throws Exception {
        String user = nextId();
        String character = nextId();
        int map = onAMap(user, character);
        WsClient client = connected(user);

        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        JsonNode success = client.next();

        assertThat(success.get("event").asString()).isEqualTo("enter_world_success");
        JsonNode data = success.get("data");
        assertThat(data.get("map_ip").asString()).isEqualTo("10.1.2.3");
        assertThat(data.get("map_port").asInt()).isEqualTo(4002);
        assertThat(data.get("map_id").asString()).isEqualTo(String.valueOf(map));
        assertThat(data.get("server_id").asString()).isEqualTo("map-server-" + map);
        assertThat(data.get("spawn_pos").get("x").asDouble()).isEqualTo(123.5);
        assertThat(data.get("spawn_pos").get("y").asDouble()).isEqualTo(456.0);
        assertThat(data.get("expires_in").asInt()).isEqualTo(30);
        MapTicketCodec.MapTicket ticket = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", TICKET_SECRET, null),
                Duration.ofSeconds(30), Clock.systemUTC()).verify(data.get("ticket").asString(), "map-server-" + map, map);
        assertThat(ticket.characterId()).isEqualTo(character);
        assertThat(ticket.userId()).isEqualTo(user);
        assertThat(ticket.expiresAt()).isBetween(Instant.now().plusSeconds(20), Instant.now().plusSeconds(31));
        client.close();
    }

    @Test
    void binaryFramesCarryingUtf8JsonAreTakenLikeTextAndAnsweredInText() {
        String user = nextId();
        String character = nextId();
        int map = onAMap(user, character);
        WsClient client = connected(user);

        client.sendBinary(("{\"event\":\"enter_world\",\"data\":{\"character_id\":\"" + character + "\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(client.next().get("event").asString()).isEqualTo("enter_world_success");
        client.sendBinary(new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'}); // not UTF-8
        assertError(client.next(), "INVALID_MESSAGE");
        client.sendBinary("{\"event\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(client.next().get("event").asString()).isEqualTo("pong");
        assertThat(client.isClosed()).isFalse();
        client.close();
    }

    @Test
    void worldEntriesAreLimitedPerAccountAndMinute() {
        String user = nextId();
        String character = nextId();
        int map = onAMap(user, character);
        WsClient client = connected(user);

        for (int i = 0; i < 6; i++) { // gateway.entries-per-minute=6 in this test
            client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
            assertThat(client.next().get("event").asString()).isEqualTo("enter_world_success");
        }
        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        JsonNode limited = client.next();
        assertError(limited, "RATE_LIMITED");
        assertThat(limited.get("data").get("message").asString()).contains("world entries");
        client.send("join_map", "{\"map_id\":\"" + map + "\"}");
        assertError(client.next(), "RATE_LIMITED"); // join_map costs what enter_world does: counted with it
        client.close();
        WsClient another = connected(user); // the account's entries, not the socket's
        another.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertError(another.next(), "RATE_LIMITED");
        another.close();
    }

    @Test
    void theDirectorysAnswerForAMapIsReusedWhileFresh() {
        String user = nextId();
        String character = nextId();
        int map = mapFor(character);
        STUB.answer("GET /characters/" + character + "/internal", 200, character(character, user, map));
        STUB.answer("GET /map-registry/map/" + map, 200,
                Contracts.allocation("map-server-c", "127.0.0.1", 4011, 0, 10));
        WsClient client = connected(user);

        for (int i = 0; i < 3; i++) {
            client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
            assertThat(client.next().get("data").get("map_port").asInt()).isEqualTo(4011);
        }

        assertThat(STUB.calls("GET /map-registry/map/" + map)).hasSize(1);
        assertThat(STUB.calls("GET /characters/" + character + "/internal")).as("ownership is checked every time").hasSize(3);
        client.close();
    }

    @Test
    void theGatewayAsksForAServerRunningAuthServicesContentAndTellsTheClientItsVersion() {
        String user = nextId();
        String character = nextId();
        int map = mapFor(character);
        String version = "0123456789abcdef";
        CharacterRecord plain = Contracts.hero(character, user, 400, 304);
        CharacterRecord versioned = new CharacterRecord(plain.id(), plain.userId(), plain.name(), plain.level(), plain.exp(),
                plain.classId(), plain.className(), String.valueOf(map), plain.position(), plain.hp(), plain.maxHp(), plain.mp(),
                plain.maxMp(), plain.version(), plain.stats(), plain.growth(), version);
        STUB.answer("GET /characters/" + character + "/internal", 200, Contracts.json(versioned));
        String allocation = "GET /map-registry/map/" + map + "?content_version=" + version;
        STUB.answer("GET /map-registry/map/" + map, 409, "{\"code\":\"CONTENT_MISMATCH\",\"statusCode\":409}");
        WsClient client = connected(user);

        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        JsonNode refused = client.next();
        assertError(refused, "CONTENT_MISMATCH");
        assertThat(refused.get("data").get("message").asString()).contains("another version of the world");

        STUB.answer("GET /map-registry/map/" + map, 200, Contracts.allocation("map-server-v", "127.0.0.1", 4012, 0, 10));
        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        JsonNode entered = client.next();
        assertThat(entered.get("event").asString()).isEqualTo("enter_world_success");
        assertThat(entered.get("data").get("map_version").asString()).isEqualTo(version);
        assertThat(STUB.calls(allocation)).as("both asks named auth-service's content version").hasSize(2);
        client.close();
    }

    @Test
    void enterWorldRefusalsCarryTheSeedCodes() {
        String user = nextId();
        WsClient client = connected(user);
        String missing = nextId();
        client.send("enter_world", "{\"character_id\":\"" + missing + "\"}");
        assertError(client.next(), "CHARACTER_NOT_FOUND");

        String foreign = nextId();
        STUB.answer("GET /characters/" + foreign + "/internal", 200, character(foreign, "someone-else", 1));
        client.send("enter_world", "{\"character_id\":" + foreign + "}");
        JsonNode forbidden = client.next();
        assertError(forbidden, "FORBIDDEN");
        assertThat(forbidden.get("data").get("message").asString()).isEqualTo("You do not own this character");

        String lonely = nextId();
        STUB.answer("GET /characters/" + lonely + "/internal", 200, character(lonely, user, mapFor(lonely)));
        client.send("enter_world", "{\"character_id\":\"" + lonely + "\"}");
        assertError(client.next(), "MAP_NOT_FOUND");

        String crowded = nextId();
        STUB.answer("GET /characters/" + crowded + "/internal", 200, character(crowded, user, mapFor(crowded)));
        STUB.answer("GET /map-registry/map/" + mapFor(crowded), 503, "{\"code\":\"MAP_FULL\",\"statusCode\":503}");
        client.send("enter_world", "{\"character_id\":\"" + crowded + "\"}");
        assertError(client.next(), "MAP_FULL");
        client.close();
    }

    @Test
    void failingDependencyIsServiceUnavailableAndRetryWorksWhenItIsBack() {
        String user = nextId();
        String character = nextId();
        int map = mapFor(character);
        STUB.answer("GET /characters/" + character + "/internal", 500, "{\"code\":\"INTERNAL_ERROR\"}");
        WsClient client = connected(user);

        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertError(client.next(), "SERVICE_UNAVAILABLE");

        STUB.answer("GET /characters/" + character + "/internal", 200, character(character, user, map));
        STUB.answer("GET /map-registry/map/" + map, 503, "{\"code\":\"STORE_UNAVAILABLE\"}");
        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertError(client.next(), "SERVICE_UNAVAILABLE");

        STUB.answer("GET /map-registry/map/" + map, 200,
                Contracts.allocation("map-server-x", "127.0.0.1", 4001, 0, 10));
        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertThat(client.next().get("event").asString()).isEqualTo("enter_world_success");
        client.close();
    }

    @Test
    void slowDependencyIsCutOffAtTheTimeout() {
        String user = nextId();
        String character = nextId();
        // auth-service answers after 30 s; the gateway gives up at its backend timeout (2 s): a bound far from both.
        STUB.answer("GET /characters/" + character + "/internal", 200, character(character, user, 1), 30_000);
        WsClient client = connected(user);

        long started = System.nanoTime();
        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertError(client.next(), "SERVICE_UNAVAILABLE");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        client.send("ping", "{}");
        assertThat(client.next().get("event").asString()).isEqualTo("pong");
        client.close();
    }

    @Test
    void joinMapOnlyForTheMapTheCharacterIsSavedOn() {
        String user = nextId();
        String character = nextId();
        int map = mapFor(character);
        STUB.answer("GET /characters/" + character + "/internal", 200, character(character, user, map));
        STUB.answer("GET /map-registry/map/" + map, 200,
                Contracts.allocation("map-server-j", "127.0.0.1", 4009, 0, 10));
        WsClient client = connected(user);

        client.send("join_map", "{\"map_id\":" + map + "}");
        assertError(client.next(), "FORBIDDEN");

        client.send("enter_world", "{\"character_id\":\"" + character + "\"}");
        assertThat(client.next().get("event").asString()).isEqualTo("enter_world_success");
        client.send("join_map", "{\"map_id\":" + (map + 1) + "}");
        assertError(client.next(), "FORBIDDEN");
        client.send("join_map", "{\"map_id\":\"" + map + "\"}");
        JsonNode joined = client.next();
        assertThat(joined.get("event").asString()).isEqualTo("join_map_success");
        assertThat(joined.get("data").get("map_port").asInt()).isEqualTo(4009);
        client.close();
    }

    @Test
    void oversizedFrameCloses1009() {
        WsClient client = connected(nextId());

        client.send("ping", "{\"padding\":\"" + "x".repeat(9_000) + "\"}");

        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void aFragmentedMessageIsHandledWhole() {
        WsClient client = connected(nextId());

        client.sendFragment("{\"event\":", false);
        client.sendFragment("\"pi", false);
        client.sendFragment("ng\",\"data\":{}}", true);

        assertThat(client.next().get("event").asString()).isEqualTo("pong");
        assertThat(client.isClosed()).isFalse();
        client.close();
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitClose1009() {
        WsClient client = connected(nextId());

        client.sendFragment("{\"event\":\"ping\",\"data\":{\"padding\":\"" + "x".repeat(5_000), false);
        client.sendFragment("x".repeat(5_000) + "\"}}", true);

        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void aFloodOfPingFramesIsLimitedLikeMessages() {
        WsClient client = connected(nextId());
        double closedBefore = floodCloses().count();

        // 1. Over the rate but short of a closing streak (20 pass, 40 refusals close): sent until the
        // refusal arrives, at most 50, so a slow machine that refills meanwhile still gets over the rate.
        for (int i = 0; i < 50 && !client.hasPendingError(); i++) {
            client.sendPingFrame();
        }
        assertError(client.next("error"), "RATE_LIMITED");
        assertThat(client.isClosed()).isFalse();

        // 2. Flooding on is closed: 1008, or a reset when the server's close crossed the flood (a reset
        // discards what the client had not read yet, the close frame too).
        for (int i = 0; i < 400 && !client.isClosed(); i++) {
            try {
                client.sendPingFrame();
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
        }
        assertClosedForTheFlood(client, closedBefore);
    }

    @Test
    void floodIsRateLimitedThenClosed() {
        WsClient client = connected(nextId());
        double closedBefore = floodCloses().count();

        // 1. Over the rate but short of a closing streak (20 a second pass, 40 refusals close): the
        // connection stays open, so the answer is read for sure (a server close racing the client's own
        // sends can end in a TCP reset, which discards what the client had not read yet).
        for (int i = 0; i < 50 && !client.hasPendingError(); i++) { // until told, as in the test above
            client.send("ping", "{}");
        }
        assertError(client.next("error"), "RATE_LIMITED");
        assertThat(client.isClosed()).isFalse();

        // 2. Flooding on is closed: 1008 "Rate limit exceeded", or a reset when the close crossed the flood.
        for (int i = 0; i < 400 && !client.isClosed(); i++) {
            try {
                client.send("ping", "{}");
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
        }
        assertClosedForTheFlood(client, closedBefore);
    }

    @Test
    void secondConnectionOfAUserReplacesTheFirst() {
        String user = nextId();
        WsClient first = connected(user);
        WsClient second = connected(user);

        assertError(first.next(), "SESSION_REPLACED");
        assertThat(first.awaitClose().code()).isEqualTo(1008);
        second.send("ping", "{}");
        assertThat(second.next().get("event").asString()).isEqualTo("pong");
        second.close();
    }

    @Test
    void loginThroughAnotherGatewayDropsThisConnectionOnTheNextRefresh() {
        String user = nextId();
        WsClient client = connected(user);

        STUB.answer("POST /session/refresh", 200, Contracts.refreshed(List.of(user)));
        try {
            assertError(client.next(), "SESSION_REPLACED");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        } finally {
            STUB.answer("POST /session/refresh", 200, Contracts.refreshed(List.of()));
        }
    }

    @Test
    void aNoticeThatTheSessionMovedToAnotherGatewayClosesTheOlderConnectionAtOnceButNotANewerOne(
            @org.springframework.beans.factory.annotation.Autowired
            org.springframework.data.redis.core.StringRedisTemplate redis) {
        String user = nextId();
        WsClient client = connected(user);
        String channel = com.mmorpg.common.session.SessionReplaced.channel("gateway-test");

        String markerUser = nextId();
        WsClient marker = connected(markerUser);
        redis.convertAndSend(channel, new com.mmorpg.common.session.SessionReplaced(user, "gateway-b", 1).encode());
        redis.convertAndSend(channel, "session_replaced " + user + " not a notice");
        // Handled in the order published: once the marker's socket is closed, so were the two above.
        redis.convertAndSend(channel, new com.mmorpg.common.session.SessionReplaced(markerUser, "gateway-b",
                System.currentTimeMillis() + 60_000).encode());
        assertThat(marker.awaitClose().code()).isEqualTo(1008);
        assertThat(client.isClosed()).as("an older session's notice and a malformed one leave it open").isFalse();
        client.send("ping", "{}");
        assertThat(client.next().get("event").asString()).as("an older session's notice leaves it alone").isEqualTo("pong");

        // The stub directory never reports this user lost at a refresh: only the notice can close it.
        redis.convertAndSend(channel, new com.mmorpg.common.session.SessionReplaced(user, "gateway-b",
                System.currentTimeMillis() + 60_000).encode());
        assertError(client.next(), "SESSION_REPLACED");
        assertThat(client.awaitClose().code()).isEqualTo(1008);
    }

    @Test
    void disconnectMarksTheUserOffline() {
        String user = nextId();
        WsClient client = connected(user);

        client.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(STUB.calls()).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("DELETE");
            assertThat(call.path()).isEqualTo("/session/" + user + "?gatewayId=gateway-test");
        }));
    }

    /** Stubs auth-service and world-directory so {@code user} can enter the world with {@code character}; its map. */
    private static int onAMap(String user, String character) {
        int map = mapFor(character);
        STUB.answer("GET /characters/" + character + "/internal", 200, character(character, user, map));
        STUB.answer("GET /map-registry/map/" + map, 200,
                Contracts.allocation("map-server-" + map, "10.1.2.3", 4002, 1, 100));
        return map;
    }

    private WsClient connected(String user) {
        WsClient client = WsClient.connect(uri(token(user)));
        assertThat(client.next().get("event").asString()).isEqualTo("welcome");
        return client;
    }

    private URI uri(String token) {
        return URI.create("ws://localhost:" + port + "/ws" + (token == null ? "" : "?token=" + token));
    }

    static String token(String user) {
        return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null), Duration.ofMinutes(15), Clock.systemUTC())
                .issue(user).token();
    }

    static void assertError(JsonNode frame, String code) {
        assertThat(frame.get("event").asString()).as(frame.toString()).isEqualTo("error");
        assertThat(frame.get("data").get("code").asString()).isEqualTo(code);
        assertThat(frame.get("data").get("message").asString()).isNotBlank();
    }

    private static String character(String id, String owner, int map) {
        return Contracts.json(Contracts.character(id, owner, "Hero", map, 123.5, 456.0, 1, 0, 150, 150, 30, 30, 1, 14, 8));
    }

    private static int mapFor(String character) {
        return (int) (Long.parseLong(character) % 100_000) + 1;
    }

    private static String nextId() {
        return String.valueOf(IDS.incrementAndGet());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static DependencyStub newStub() {
        try {
            return new DependencyStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
