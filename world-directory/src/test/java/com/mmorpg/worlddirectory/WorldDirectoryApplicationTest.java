package com.mmorpg.worlddirectory;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.SpringTestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorldDirectoryApplicationTest {

    static RedisDatabase redis;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        redis = SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpWithRedisChecked() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"redis\":{\"status\":\"UP\"");
    }

    @Test
    void serviceWritesToTheLogicalDatabaseOfThisTestClass() throws Exception {
        // the service itself writes (a map server registers over HTTP); the key is read straight from
        // this test class's logical database with a client of our own
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/map-registry/register"))
                .header("Content-Type", "application/json")
                .header("X-Internal-Key", "dev-only-internal-api-key-0123456789abcdef")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"map-server-apptest\",\"name\":\"T\",\"ip\":\"127.0.0.1\","
                        + "\"port\":4001,\"supported_maps\":[1],\"max_players\":10}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().get("map-server-apptest")).contains("\"port\":4001");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void prometheusScrapeIsServed() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"world-directory\"");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
