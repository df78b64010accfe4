package com.mmorpg.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one internal client against a real HTTP server on loopback. */
class InternalClientTest {

    private static final String KEY = "k".repeat(40);
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.put("key", String.valueOf(exchange.getRequestHeaders().getFirst(InternalClient.KEY_HEADER)));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = switch (path) {
                case "/characters/7/internal" -> CHARACTER;
                case "/lacking" -> "{\"id\":\"7\"}";
                case "/html" -> "<html>bad gateway</html>";
                case "/slow" -> {
                    await(released);
                    yield "{}";
                }
                default -> "{\"code\":\"NOT_FOUND\",\"message\":\"no\"}";
            };
            int status = switch (path) {
                case "/characters/7/internal", "/lacking", "/slow" -> 200;
                case "/html" -> 502;
                default -> 404;
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private static final String CHARACTER = """
            {"id":"7","user_id":"42","name":"Hero","level":3,"exp":450,"class_id":"1","class_name":"Warrior",
             "map_id":"2","position":{"x":400.5,"y":300.0},"hp":120,"max_hp":190,"mp":30,"max_mp":36,"version":4,
             "stats":{"attack":20,"defense":12,"speed":120.0,"attack_range":48.0},
             "growth":{"hp":20,"mp":3,"attack":3,"defense":2},"content_version":"0123456789abcdef",
             "added_by_a_newer_service":true}""";

    private InternalClient client(Duration timeout) {
        return new InternalClient("auth-service", "http://127.0.0.1:" + server.getAddress().getPort() + "/", KEY, timeout,
                InternalClient.httpClient(timeout, Executors.newCachedThreadPool(), null));
    }

    @Test
    void aContractRecordIsReadFromSnakeCaseWithTheKeyOnEveryCallAndFieldsAddedLaterIgnored() {
        InternalClient.Reply reply = client(Duration.ofSeconds(5)).send("GET", CharacterStates.characterPath("7"), null);

        CharacterRecord character = reply.as(CharacterRecord.class);
        assertThat(seen.get("key")).isEqualTo(KEY);
        assertThat(character.userId()).isEqualTo("42");
        assertThat(character.mapNumber()).isEqualTo(2);
        assertThat(character.position().x()).isEqualTo(400.5);
        assertThat(character.stats().attackRange()).isEqualTo(48.0);
        assertThat(character.growth().defense()).isEqualTo(2);
        assertThat(character.contentVersion()).isEqualTo("0123456789abcdef");
    }

    @Test
    void requestsAreWrittenInSnakeCaseAndSessionsInTheSeedsCamelCase() {
        InternalClient client = client(Duration.ofSeconds(5));

        client.send("POST", "/anything", new Leases.Renewal("map-server-1", List.of(5L, 6L)));
        assertThat(seen.get("body")).isEqualTo("{\"server_id\":\"map-server-1\",\"lease_ids\":[5,6]}");
        client.send("POST", "/anything", new Sessions.Online("42", "gateway-1"));
        assertThat(seen.get("body")).isEqualTo("{\"userId\":\"42\",\"gatewayId\":\"gateway-1\"}");
        client.send("PUT", "/anything", new CharacterStates.Update(2, new CharacterRecord.Position(1.5, 2), 10, 5, 3, 450, 4,
                77, true));
        assertThat(seen.get("body")).contains("\"map_id\":2", "\"lease_id\":77", "\"release\":true", "\"x\":1.5");
        assertThat(InternalClient.JSON.writeValueAsString(new Leases.Renewed(Instant.EPOCH, List.of(), List.of(), List.of(), List.of(), List.of())))
                .contains("\"expires_at\"");
    }

    @Test
    void statusesAreTheCallersButABodyThatIsNotTheRecordIsAnOutage() {
        InternalClient client = client(Duration.ofSeconds(5));

        InternalClient.Reply missing = client.send("GET", "/characters/8/internal", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        assertThat(missing.isSuccess()).isFalse();

        InternalClient.Reply lacking = client.send("GET", "/lacking", null);
        assertThatThrownBy(() -> lacking.as(CharacterRecord.class)).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("auth-service").hasMessageContaining("not a CharacterRecord");

        InternalClient.Reply html = client.send("GET", "/html", null);
        assertThat(html.status()).isEqualTo(502);
        assertThat(html.code()).isEmpty();
        assertThatThrownBy(() -> html.as(CharacterRecord.class)).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void noAnswerInTimeAndNobodyListeningAreOutages() throws IOException {
        assertThatThrownBy(() -> client(Duration.ofMillis(300)).send("GET", "/slow", null))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("GET /slow");

        try (Socket refusing = new Socket()) { // bound, never listening: refused for the whole test, nobody else takes it
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closedPort = refusing.getLocalPort();
            InternalClient nobody = new InternalClient("world-directory", "http://127.0.0.1:" + closedPort, KEY,
                    Duration.ofSeconds(2), InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
            assertThatThrownBy(() -> nobody.send("POST", MapRegistry.HEARTBEAT_PATH, new MapRegistry.Heartbeat("map-server-1", 1, 0, null, null)))
                    .isInstanceOf(ServiceUnavailableException.class).hasMessageStartingWith("world-directory unavailable");
            assertThatThrownBy(() -> nobody.sendAsync("GET", "/x", null).join()).hasCauseInstanceOf(ServiceUnavailableException.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
