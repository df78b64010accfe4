package com.mmorpg.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.content.WorldContent;
import com.mmorpg.gateway.WsClient;
import com.mmorpg.testsupport.BackendStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's Workflows 1-3 across the three real services, each a real process on real ports,
 * with real PostgreSQL and Redis: register, create a character, a map server registers, the
 * player connects to the gateway and enters the world with a ticket the map server can verify.
 */
class RealBackendIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final String TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";

    private static BackendStack stack;
    private static String authUrl;
    private static String worldUrl;
    private static int gatewayPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static com.mmorpg.testsupport.ServiceProcess otherGateway;
    private static int otherGatewayPort;

    @BeforeAll
    static void startBackend() throws Exception {
        stack = BackendStack.start(Path.of(".."), "gateway-e2e");
        authUrl = stack.authUrl();
        worldUrl = stack.worldUrl();
        gatewayPort = stack.gatewayPort();
    }

    @AfterAll
    static void stopBackend() {
        if (otherGateway != null) {
            otherGateway.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void registerCreateCharacterAndEnterTheWorld() throws Exception {
        JsonNode account = post(authUrl + "/auth/register", "{\"username\":\"e2e_hero\",\"password\":\"correct-horse-1\"}", null, 201);
        String token = account.get("access_token").asString();
        String userId = account.get("user_id").asString();
        JsonNode character = post(authUrl + "/characters", "{\"name\":\"Eduardo\",\"class_id\":\"2\"}", token, 201);
        String characterId = character.get("id").asString();
        String version = WorldContent.load(Path.of("..", "content")).version(); // auth-service's: the stack's content folder
        post(worldUrl + "/map-registry/register", "{\"id\":\"map-server-1\",\"name\":\"Map Server 1\",\"ip\":\"127.0.0.1\","
                + "\"port\":4001,\"supported_maps\":[1],\"max_players\":100,\"content_version\":\"" + version + "\"}", null, 201);

        WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws?token=" + token));
        JsonNode welcome = client.next();
        assertThat(welcome.get("data").get("user_id").asString()).isEqualTo(userId);
        assertThat(get(worldUrl + "/session/" + userId).get("gatewayId").asString()).isEqualTo("gateway-e2e");

        client.send("enter_world", "{\"character_id\":\"" + characterId + "\"}");
        JsonNode success = client.next();

        assertThat(success.get("event").asString()).as(success.toString()).isEqualTo("enter_world_success");
        JsonNode data = success.get("data");
        assertThat(data.get("map_ip").asString()).isEqualTo("127.0.0.1");
        assertThat(data.get("map_port").asInt()).isEqualTo(4001);
        assertThat(data.get("map_version").asString()).isEqualTo(version);
        assertThat(data.get("spawn_pos").get("x").asDouble()).isEqualTo(400.0);
        MapTicketCodec.MapTicket ticket = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", TICKET_SECRET, null),
                Duration.ofSeconds(30), Clock.systemUTC()).verify(data.get("ticket").asString(), "map-server-1", 1);
        assertThat(ticket.characterId()).isEqualTo(characterId);
        assertThat(ticket.userId()).isEqualTo(userId);

        JsonNode other = post(authUrl + "/auth/register", "{\"username\":\"e2e_thief\",\"password\":\"correct-horse-1\"}", null, 201);
        WsClient thief = WsClient.connect(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws?token=" + other.get("access_token").asString()));
        thief.next();
        thief.send("enter_world", "{\"character_id\":\"" + characterId + "\"}");
        JsonNode refused = thief.next();
        assertThat(refused.get("data").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(refused.get("data").get("message").asString()).isEqualTo("You do not own this character");

        client.close();
        thief.close();
        assertThat(stack.gateway().logText()).contains("User " + userId + " connected");
    }

    @Test
    void aSecondLoginThroughAnotherGatewayClosesTheFirstConnectionAtOnceNotAtTheNextRefresh() throws Exception {
        JsonNode account = post(authUrl + "/auth/register", "{\"username\":\"e2e_twice\",\"password\":\"correct-horse-1\"}", null, 201);
        String token = account.get("access_token").asString();
        int otherPort = com.mmorpg.testsupport.ServiceProcess.freePort();
        com.mmorpg.testsupport.ServiceProcess other = stack.startGateway(otherPort, "gateway-e2e-b", java.util.Map.of());
        other.awaitAnswer("http://127.0.0.1:" + otherPort + "/actuator/health", "\"UP\"", Duration.ofSeconds(120));

        WsClient first = WsClient.connect(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws?token=" + token));
        first.next();
        long started = System.nanoTime();
        WsClient second = WsClient.connect(URI.create("ws://127.0.0.1:" + otherPort + "/ws?token=" + token));
        second.next();

        JsonNode replaced;
        try {
            replaced = first.next();
        } catch (AssertionError e) {
            throw new AssertionError("gateway A:\n" + stack.gateway().tail() + "\ngateway B:\n" + other.tail(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(replaced.get("data").get("code").asString()).isEqualTo("SESSION_REPLACED");
        assertThat(first.awaitClose().code()).isEqualTo(1008);
        // The session refresh (every 30 s here) would also find it; the notice over Redis is what makes it this quick.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        System.out.printf("second login on another gateway closed the first connection after %d ms%n", took.toMillis());
        second.close();
        other.close();
    }

    @Test
    void logoutReuseDetectionAndABanCloseTheUsersSocketOnAnotherGatewayAtOnce() throws Exception {
        int port = otherGateway();

        JsonNode loggedOut = post(authUrl + "/auth/register", "{\"username\":\"e2e_logout\",\"password\":\"correct-horse-1\"}", null, 201);
        WsClient first = connected(port, loggedOut.get("access_token").asString());
        long started = System.nanoTime();
        post(authUrl + "/auth/logout", "{\"refresh_token\":\"" + loggedOut.get("refresh_token").asString() + "\"}", null, 204);
        Duration logoutTook = awaitRevoked(first, started);

        JsonNode stolen = post(authUrl + "/auth/register", "{\"username\":\"e2e_stolen\",\"password\":\"correct-horse-1\"}", null, 201);
        String original = stolen.get("refresh_token").asString();
        JsonNode thiefs = post(authUrl + "/auth/refresh", "{\"refresh_token\":\"" + original + "\"}", null, 200);
        post(authUrl + "/auth/refresh", "{\"refresh_token\":\"" + thiefs.get("refresh_token").asString() + "\"}", null, 200);
        WsClient second = connected(port, thiefs.get("access_token").asString());
        started = System.nanoTime();
        post(authUrl + "/auth/refresh", "{\"refresh_token\":\"" + original + "\"}", null, 401); // the owner comes back: reuse
        Duration reuseTook = awaitRevoked(second, started);

        JsonNode banned = post(authUrl + "/auth/register", "{\"username\":\"e2e_banned\",\"password\":\"correct-horse-1\"}", null, 201);
        WsClient third = connected(port, banned.get("access_token").asString());
        started = System.nanoTime();
        post(authUrl + "/internal/accounts/" + banned.get("user_id").asString() + "/ban", "{\"reason\":\"e2e\"}", null, 200);
        Duration banTook = awaitRevoked(third, started);

        // A revoked session's still-valid access token is refused at connect, too.
        WsClient again = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + loggedOut.get("access_token").asString()));
        assertThat(again.awaitClose().reason()).isEqualTo("Session revoked");
        System.out.printf("socket on another gateway closed after logout %d ms, reuse detection %d ms, ban %d ms%n",
                logoutTook.toMillis(), reuseTook.toMillis(), banTook.toMillis());
    }

    private static WsClient connected(int port, String token) {
        WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token));
        assertThat(client.next().get("event").asString()).isEqualTo("welcome");
        return client;
    }

    private static Duration awaitRevoked(WsClient client, long startedNanos) {
        JsonNode error;
        try {
            error = client.next();
        } catch (AssertionError e) {
            throw new AssertionError("gateway B:\n" + otherGateway.tail() + "\nauth:\n" + stack.auth().tail(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        assertThat(error.get("data").get("code").asString()).as(error.toString()).isEqualTo("SESSION_REVOKED");
        assertThat(client.awaitClose().code()).isEqualTo(1008);
        // No timer in the gateway would close it: only the notice over Redis does, so this is a generous ceiling.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        return took;
    }

    private static synchronized int otherGateway() throws Exception {
        if (otherGateway == null) {
            otherGatewayPort = com.mmorpg.testsupport.ServiceProcess.freePort();
            otherGateway = stack.startGateway(otherGatewayPort, "gateway-e2e-c", java.util.Map.of());
            otherGateway.awaitAnswer("http://127.0.0.1:" + otherGatewayPort + "/actuator/health", "\"UP\"", Duration.ofSeconds(120));
        }
        return otherGatewayPort;
    }

    private static JsonNode post(String url, String json, String bearer, int expected) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Internal-Key", INTERNAL_KEY).POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Internal-Key", INTERNAL_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
