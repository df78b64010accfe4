package com.mmorpg.worlddirectory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.JavaProcess;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisSentinel;

/**
 * Redis through Sentinel ({@code SPRING_DATA_REDIS_SENTINEL_NODES}, as docs/scaling.md advises):
 * with two sentinels of which one is down the packaged service starts and serves, and with every
 * sentinel down it stops at once naming them.
 */
class RedisSentinelIT {

    @Test
    void oneSentinelOfTwoIsEnoughToStartAndServe() throws Exception {
        RedisDatabase master = TestRedis.newDatabase();
        int sentinelPort = ServiceProcess.freePort();
        int downPort = ServiceProcess.freePort();
        RedisSentinel sentinel = RedisSentinel.newRedisSentinel().bind("127.0.0.1").port(sentinelPort)
                .masterPort(master.port()).masterName("mmorpg").quorumSize(1).build();
        sentinel.start();
        int port = ServiceProcess.freePort();
        try (ServiceProcess world = ServiceProcess.start("world-sentinel", Path.of("target/world-directory.jar"),
                Map.of("PORT", "" + port, "SERVER_ADDRESS", "127.0.0.1",
                        "SPRING_DATA_REDIS_SENTINEL_MASTER", "mmorpg",
                        "SPRING_DATA_REDIS_SENTINEL_NODES", "127.0.0.1:" + downPort + ",127.0.0.1:" + sentinelPort,
                        "SPRING_DATA_REDIS_DATABASE", "" + master.index()),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))) {
            world.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));

            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/session"))
                        .header("X-Internal-Key", "dev-only-internal-api-key-0123456789abcdef").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(count.statusCode()).as(count.body()).isEqualTo(200); // read through the sentinel's master
            }
        } finally {
            sentinel.stop();
        }
    }

    @Test
    void everySentinelDownStopsStartUpNamingThem() throws Exception {
        int first = ServiceProcess.freePort();
        int second = ServiceProcess.freePort();
        String nodes = "127.0.0.1:" + first + ",127.0.0.1:" + second;

        JavaProcess.Result result = JavaProcess.run(Path.of("target/world-directory.jar"),
                Map.of("SPRING_DATA_REDIS_SENTINEL_MASTER", "mmorpg", "SPRING_DATA_REDIS_SENTINEL_NODES", nodes, "PORT", "0"),
                Duration.ofSeconds(60));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Cannot reach Redis at " + nodes + " (SPRING_DATA_REDIS_SENTINEL_NODES)")
                .doesNotContain("\tat ");
    }
}
