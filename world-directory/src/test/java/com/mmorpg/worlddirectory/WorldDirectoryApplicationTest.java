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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
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

    @Autowired
    StringRedisTemplate template;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpWithRedisChecked() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"redis\":{\"status\":\"UP\"");
    }

    @Test
    void serviceWritesToTheLogicalDatabaseOfThisTestClass() {
        template.opsForValue().set("map-server-test", "{\"port\":4001}");

        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().get("map-server-test")).isEqualTo("{\"port\":4001}");
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
