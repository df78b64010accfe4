package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@code MANAGEMENT_PORT} on the packaged jars: health and metrics answer there and not on the
 * service's own port (the one players reach), and the game's routes stay on the service's port only.
 * world-directory stands for the two Spring MVC services on Tomcat (auth-service takes the same
 * setting the same way); the gateway is the one on Jetty with its own WebSocket endpoint.
 */
class ManagementPortIT {

    private static final Path ROOT = Path.of("..");
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final String KEY = "dev-only-internal-api-key-0123456789abcdef";

    @Test
    void actuatorMovesToTheManagementPortForEveryService() throws Exception {
        String redis = TestRedis.newDatabase().url();
        int world = ServiceProcess.freePort();
        int worldManagement = ServiceProcess.freePort();
        int gateway = ServiceProcess.freePort();
        int gatewayManagement = ServiceProcess.freePort();
        Map<String, String> common = Map.of("SERVER_ADDRESS", "127.0.0.1", "REDIS_URL", redis);
        try (ServiceProcess worldDirectory = ServiceProcess.start("world-mgmt", ROOT.resolve("world-directory/target/world-directory.jar"),
                        with(common, "PORT", "" + world, "MANAGEMENT_PORT", "" + worldManagement), FLAGS);
                ServiceProcess gatewayService = ServiceProcess.start("gateway-mgmt", ROOT.resolve("gateway-service/target/gateway-service.jar"),
                        with(common, "GATEWAY_PORT", "" + gateway, "MANAGEMENT_PORT", "" + gatewayManagement,
                                "AUTH_SERVICE_URL", "http://127.0.0.1:" + ServiceProcess.freePort(),
                                "WORLD_DIRECTORY_URL", "http://127.0.0.1:" + world),
                        FLAGS)) {
            worldDirectory.awaitHealthy("http://127.0.0.1:" + worldManagement, Duration.ofSeconds(120));
            gatewayService.awaitHealthy("http://127.0.0.1:" + gatewayManagement, Duration.ofSeconds(120));

            try (HttpClient http = HttpClient.newHttpClient()) {
                for (int[] ports : new int[][] {{world, worldManagement}, {gateway, gatewayManagement}}) {
                    assertThat(status(http, ports[1], "/actuator/prometheus")).isEqualTo(200);
                    assertThat(status(http, ports[0], "/actuator/health")).as("port " + ports[0]).isEqualTo(404);
                    assertThat(status(http, ports[0], "/actuator/prometheus")).as("port " + ports[0]).isEqualTo(404);
                }
                assertThat(status(http, world, "/session", KEY)).as("the internal API").isEqualTo(200);
                assertThat(status(http, worldManagement, "/session", KEY)).as("not on the management port").isEqualTo(404);
                // the WebSocket upgrade is the gateway's port's only: the management port refuses it
                assertThat(upgrades(http, gateway)).isTrue();
                assertThat(upgrades(http, gatewayManagement)).isFalse();
            }
        }
    }

    private static boolean upgrades(HttpClient http, int port) {
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=x"), new WebSocket.Listener() {
                    }).join();
            socket.abort();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    private static int status(HttpClient http, int port, String path) throws Exception {
        return status(http, port, path, null);
    }

    private static int status(HttpClient http, int port, String path, String internalKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (internalKey != null) {
            request.header("X-Internal-Key", internalKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
