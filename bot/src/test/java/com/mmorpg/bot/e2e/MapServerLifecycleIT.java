package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's Workflow 4 with real processes: map servers register with the real world-directory
 * (on real Redis), heartbeat, come back after the directory lost them, vanish after a SIGKILL
 * within the TTL (3 s here) and leave at once on SIGTERM.
 */
class MapServerLifecycleIT {

    private static final String KEY = "dev-only-internal-api-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> PROCESSES = new ArrayList<>();
    private static RedisDatabase redis;
    private static String worldUrl;

    @BeforeAll
    static void startDirectory() throws Exception {
        redis = TestRedis.newDatabase();
        int worldPort = ServiceProcess.freePort();
        worldUrl = "http://127.0.0.1:" + worldPort;
        ServiceProcess world = ServiceProcess.start("world", Path.of("../world-directory/target/world-directory.jar"),
                Map.of("PORT", String.valueOf(worldPort), "REDIS_URL", redis.url(), "MAP_SERVER_TTL", "3s"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        PROCESSES.add(world);
        world.awaitHealthy(worldUrl, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        PROCESSES.reversed().forEach(ServiceProcess::close);
    }

    private static ServiceProcess mapServer(int map, String serverId) throws Exception {
        int ops = ServiceProcess.freePort();
        ServiceProcess server = ServiceProcess.start(serverId, Path.of("../map-server/target/map-server.jar"),
                Map.of("WORLD_DIRECTORY_URL", worldUrl, "SERVER_ID", serverId, "OPS_PORT", String.valueOf(ops),
                        "HEARTBEAT_INTERVAL", "1s", "AUTH_SERVICE_URL", "http://127.0.0.1:1"),
                List.of("-Xmx128m"), List.of(String.valueOf(map), String.valueOf(ServiceProcess.freeTcpAndUdpPort())));
        PROCESSES.add(server);
        return server.awaitAnswer("http://127.0.0.1:" + ops + "/health", "\"registered\":true", Duration.ofSeconds(60));
    }

    private static int lookup(int map) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(worldUrl + "/map-registry/map/" + map))
                .header("X-Internal-Key", KEY).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String servers() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(worldUrl + "/map-registry/servers"))
                .header("X-Internal-Key", KEY).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aMapServerComesBackAfterTheDirectoryLostItAndVanishesAfterASigkill() throws Exception {
        ServiceProcess server = mapServer(1, "map-server-life-1");
        assertThat(lookup(1)).isEqualTo(200);

        TestRedis.flush(redis); // the directory's Redis restarted empty
        assertThat(lookup(1)).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup(1) == 200); // one heartbeat (1 s) gets 404, re-registers
        assertThat(server.logText()).contains("registering again");

        server.kill();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> lookup(1) == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10)); // TTL 3 s
    }

    @Test
    void aSigtermDrainsAndDeregistersAtOnce() throws Exception {
        ServiceProcess server = mapServer(2, "map-server-life-2");
        assertThat(servers()).contains("map-server-life-2");

        assertThat(server.terminate(Duration.ofSeconds(10))).as("exited within 10 s").isTrue();

        assertThat(servers()).doesNotContain("map-server-life-2"); // gone before any TTL could expire
        assertThat(lookup(2)).isEqualTo(404);
        assertThat(server.logText()).contains("Marked DRAINING", "Deregistered from World Directory", "stopped");
    }
}
