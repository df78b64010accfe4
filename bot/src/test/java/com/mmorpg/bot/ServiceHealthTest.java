package com.mmorpg.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private HttpServer server;

    @BeforeEach
    void startFakeServices() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up/actuator/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/down/actuator/health", exchange -> respond(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reportsUpDownAndUnreachableServices() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> services = new LinkedHashMap<>();
        services.put("auth-service", base + "/up/");
        services.put("world-directory", base + "/down");
        services.put("gateway-service", "http://127.0.0.1:" + closed);

        List<ServiceHealth.Status> statuses = new ServiceHealth(Duration.ofSeconds(2)).check(services);

        assertThat(statuses).extracting(ServiceHealth.Status::up).containsExactly(true, false, false);
        assertThat(statuses.get(0).url()).isEqualTo(base + "/up/actuator/health");
        assertThat(statuses.get(1).detail()).isEqualTo("HTTP 503");
        assertThat(statuses.get(2).detail()).contains("ConnectException");
    }

    @Test
    void environmentOverridesSeedDefaults() {
        Map<String, String> services = ServiceHealth.servicesFrom(Map.of("WORLD_DIRECTORY_URL", "http://directory:9001"));

        assertThat(services).containsExactly(
                Map.entry("auth-service", "http://localhost:3000"),
                Map.entry("world-directory", "http://directory:9001"),
                Map.entry("gateway-service", "http://localhost:3002"));
    }

    @Test
    void gatewayUrlIsTheWebSocketUrlEveryCommandReads() {
        assertThat(ServiceHealth.servicesFrom(Map.of("GATEWAY_URL", "ws://gw.example:4002/ws")))
                .containsEntry("gateway-service", "http://gw.example:4002");
        assertThat(ServiceHealth.servicesFrom(Map.of("GATEWAY_URL", "wss://gw.example")))
                .containsEntry("gateway-service", "https://gw.example");
        assertThat(ServiceHealth.httpOf("http://already:3002")).isEqualTo("http://already:3002");
    }

    @Test
    void badUsageExitsWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(BotMain.run(new String[] {"fly"}, System.out, errStream)).isEqualTo(2);
        assertThat(BotMain.run(new String[] {}, System.out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument at index 0: 'fly'")
                .contains("a command is needed").contains("Usage: bot");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
