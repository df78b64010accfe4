package com.mmorpg.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.gateway.WsClient;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * world-directory away for longer than a session lives (here: 3 s sessions, refreshed every 0.5 s,
 * and an outage of four session lifetimes; in production 90 s and 30 s, the issue's "2-minute
 * outage"): when it is back, the gateway's refresh finds its sessions expired, not owned by anyone
 * else, re-announces them, and kicks nobody.
 */
class DirectoryOutageIT {

    private static final String JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
    private static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final Duration SESSION_TTL = Duration.ofSeconds(3);
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    @Test
    void anOutageLongerThanTheSessionTtlKicksNobody() throws Exception {
        RedisDatabase redis = TestRedis.newDatabase();
        int worldPort = ServiceProcess.freePort();
        int gatewayPort = ServiceProcess.freePort();
        String worldUrl = "http://127.0.0.1:" + worldPort;
        Map<String, String> worldEnv = Map.of("PORT", String.valueOf(worldPort), "REDIS_URL", redis.url(),
                "SESSION_TTL", SESSION_TTL.toSeconds() + "s");
        Path worldJar = Path.of("../world-directory/target/world-directory.jar");
        ServiceProcess world = ServiceProcess.start("world", worldJar, worldEnv, FLAGS);
        try (ServiceProcess gateway = ServiceProcess.start("gateway", Path.of("target/gateway-service.jar"),
                Map.of("GATEWAY_PORT", String.valueOf(gatewayPort), "WORLD_DIRECTORY_URL", worldUrl,
                        "AUTH_SERVICE_URL", "http://127.0.0.1:9", "REDIS_URL", redis.url(), "GATEWAY_ID", "gateway-outage"),
                FLAGS, List.of("--gateway.session-refresh-interval=500ms"))) {
            world.awaitHealthy(worldUrl, Duration.ofSeconds(120));
            gateway.awaitHealthy("http://127.0.0.1:" + gatewayPort, Duration.ofSeconds(120));
            String user = "777001";
            String token = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null), Duration.ofMinutes(15),
                    Clock.systemUTC()).issue(user, "outage-session").token();
            WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws?token=" + token));
            assertThat(client.next().get("event").asString()).isEqualTo("welcome");
            await().atMost(Duration.ofSeconds(10)).until(() -> sessionOwner(worldUrl, user).contains("gateway-outage"));

            assertThat(world.terminate(Duration.ofSeconds(20))).isTrue();
            long outageStarted = System.nanoTime();
            // Four session lifetimes without the directory: the session's key in Redis is long gone.
            await().atMost(Duration.ofSeconds(60)).until(() -> System.nanoTime() - outageStarted > 4 * SESSION_TTL.toNanos());
            world = ServiceProcess.start("world", worldJar, worldEnv, FLAGS);
            world.awaitHealthy(worldUrl, Duration.ofSeconds(120));

            await().atMost(Duration.ofSeconds(20)).until(() -> sessionOwner(worldUrl, user).contains("gateway-outage"));
            client.send("ping", "{}");
            assertThat(client.next().get("event").asString()).as("no SESSION_REPLACED, still connected").isEqualTo("pong");
            assertThat(gateway.logText()).doesNotContain("Session replaced user=" + user);
            client.close();
        } finally {
            world.close();
        }
    }

    private static String sessionOwner(String worldUrl, String user) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(worldUrl + "/session/" + user)).header("X-Internal-Key", INTERNAL_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (Exception e) {
            return "";
        }
    }
}
