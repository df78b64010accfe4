package com.mmorpg.worlddirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.testsupport.embedded.EmbeddedRedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Redis of its own that the test stops and starts again on the same port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageTest {

    private static final int REDIS_PORT = freePort();
    private static EmbeddedRedisServer redis = start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void redisDownGives503QuicklyAndTheServiceRecoversWhenItReturns() {
        DirectoryHttp http = new DirectoryHttp(port);
        String server = "{\"id\":\"map-server-outage\",\"ip\":\"127.0.0.1\",\"port\":4001,\"supported_maps\":[7],\"max_players\":10}";
        assertThat(http.post("/map-registry/register", server).status()).isEqualTo(201);

        redis.close();
        long started = System.nanoTime();
        DirectoryHttp.Response down = http.get("/map-registry/map/7");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text("code")).isEqualTo("STORE_UNAVAILABLE");
        assertThat(down.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(down.body()).doesNotContain("Exception").doesNotContain("\tat ");
        // Bounded by the Redis command timeout, not Lettuce's default minute (a generous bound: a slow machine).
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(http.post("/session/online", "{\"userId\":\"1\",\"gatewayId\":\"g\"}").status()).isEqualTo(503);
        assertThat(http.get("/actuator/health").status()).isEqualTo(503);

        redis = start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.post("/map-registry/register", server).status() == 201);
        assertThat(http.get("/map-registry/map/7").status()).isEqualTo(200);
    }

    private static EmbeddedRedisServer start() {
        try {
            return EmbeddedRedisServer.startEphemeralOn(REDIS_PORT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try {
            return EmbeddedRedisServer.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
