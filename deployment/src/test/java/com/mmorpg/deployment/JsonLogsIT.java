package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code LOG_FORMAT=json} on the packaged jars: a Spring service and the map server write one JSON
 * object per line (ECS for the services, logback's JSON for the map server, with its server and map
 * ids), and a misspelt format stops a service with the accepted values instead of losing its logs.
 */
class JsonLogsIT {

    private static final Path ROOT = Path.of("..");
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aServiceLogsEcsJsonLinesAndRefusesAnUnknownFormat() throws Exception {
        String redis = TestRedis.newDatabase().url();
        int port = ServiceProcess.freePort();
        try (ServiceProcess world = ServiceProcess.start("world-json", ROOT.resolve("world-directory/target/world-directory.jar"),
                Map.of("PORT", "" + port, "REDIS_URL", redis, "LOG_FORMAT", "json", "SERVER_ADDRESS", "127.0.0.1"), FLAGS);
                ServiceProcess typo = ServiceProcess.start("world-typo", ROOT.resolve("world-directory/target/world-directory.jar"),
                        Map.of("PORT", "" + ServiceProcess.freePort(), "REDIS_URL", redis, "LOG_FORMAT", "jsno",
                                "SERVER_ADDRESS", "127.0.0.1"), FLAGS)) {
            world.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));

            // the JVM's own warnings (before any logging) are not the service's log lines
            List<String> lines = world.logText().lines().filter(line -> !line.isBlank() && !line.startsWith("WARNING: ")).toList();
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                assertThat(line).as("every line is a JSON object").startsWith("{");
            }
            JsonNode started = lines.stream().map(JSON::readTree)
                    .filter(event -> event.path("message").asString("").startsWith("Started ")).findFirst().orElseThrow();
            assertThat(started.has("@timestamp")).isTrue();
            assertThat(started.toString()).contains("INFO").contains("world-directory");

            assertThat(typo.awaitExit(Duration.ofSeconds(90))).isPresent();
            assertThat(typo.logText()).contains("LOG_FORMAT must be text, json, ecs, logstash or gelf, not \"jsno\"");
        }
    }

    @Test
    void theMapServerLogsJsonLinesNamingItsServerAndMap() throws Exception {
        int port = ServiceProcess.freeTcpAndUdpPort();
        try (ServiceProcess map = ServiceProcess.start("map-json", ROOT.resolve("map-server/target/map-server.jar"),
                Map.of("LOG_FORMAT", "json", "OPS_PORT", "" + ServiceProcess.freePort(), "SERVER_ID", "map-server-json7",
                        "WORLD_DIRECTORY_URL", "http://127.0.0.1:" + ServiceProcess.freePort(), "TICK_CPU", "off"),
                List.of("-Xmx256m", "--sun-misc-unsafe-memory-access=allow"), List.of("1", "" + port))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> map.logText().lines().anyMatch(line -> line.contains("map-server-json7")));

            List<String> lines = map.logText().lines().filter(line -> line.startsWith("{")).toList();
            assertThat(lines).isNotEmpty();
            JsonNode first = JSON.readTree(lines.getFirst());
            assertThat(first.path("level").asString()).isNotBlank();
            assertThat(first.path("formattedMessage").asString()).isNotBlank();
            assertThat(lines.stream().map(JSON::readTree)
                    .anyMatch(event -> "map-server-json7".equals(event.path("context").path("properties").path("server_id").asString(""))
                            && "1".equals(event.path("context").path("properties").path("map_id").asString(""))))
                    .as(String.join("\n", lines)).isTrue();
        }
    }
}
