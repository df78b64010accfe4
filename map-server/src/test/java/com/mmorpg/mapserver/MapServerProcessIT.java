package com.mmorpg.mapserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.mapserver.map.ShippedContent;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.http.HttpStub;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start_server.sh as an operator runs it: exit codes and messages of the real script and jar. */
class MapServerProcessIT {

    private static final Path SCRIPT = Path.of("start_server.sh").toAbsolutePath();

    @Test
    void missingArgumentsPrintUsageAndExitTwo() throws Exception {
        Run run = run(List.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("usage:").contains("<map_id> <port>");
    }

    @Test
    void takenPortIsOneClearErrorAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = Files.createTempFile("map_server", ".log");
            Run run = run(List.of("1", String.valueOf(taken.getLocalPort())), "LOG_FILE", log.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("port " + taken.getLocalPort() + " is already in use").doesNotContain("\tat ");
            assertThat(Files.readString(log)).contains("already in use");
            Files.delete(log);
        }
    }

    @Test
    void anUnknownMapIsOneClearErrorAndExitTwo() throws Exception {
        Run run = run(List.of("99", "4999"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("no map 99 in the content folder").contains("its maps: [1, 2, 3]").doesNotContain("\tat ");
    }

    @Test
    void brokenContentIsEveryProblemWithItsFileAndPlaceAndExitTwo(@TempDir Path content) throws Exception {
        Files.createDirectories(content.resolve("maps"));
        Files.writeString(content.resolve("maps/1.json"), "{\"id\":1,\"name\":\"Cellar\",\"tile_size\":32,"
                + "\"spawn\":{\"x\":16,\"y\":16},\"tiles\":[\"####\",\"#..#\",\"####\"]}");
        Files.writeString(content.resolve("mobs.json"), "{\"mobs\": [}");

        Run run = run(List.of("1", "4999"), "CONTENT_DIR", content.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("has 3 problems:", "maps/1.json: spawn: (16.0, 16.0) is on a blocked tile",
                "mobs.json: line 1, column", "classes.json: missing from the content folder").doesNotContain("\tat ");
    }

    @Test
    void sigtermDrainsDeregistersAndExitsWithinTenSeconds() throws Exception {
        try (HttpStub directory = new HttpStub(); HttpStub auth = new HttpStub()) {
            directory.answer("POST /map-registry/register", 201, "{}");
            directory.answer("POST /map-registry/heartbeat", 200, "{}");
            directory.answer("DELETE /map-registry/server/map-server-7", 204, "");
            Path log = Files.createTempFile("map_server", ".log");
            int port = ServiceProcess.freeTcpAndUdpPort();
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "2", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"),
                    "LOG_FILE", log.toString(), "SERVER_ID", "map-server-7", "OPS_PORT", "0",
                    "WORLD_DIRECTORY_URL", directory.url(), "AUTH_SERVICE_URL", auth.url()));
            Process process = builder.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log)
                        .contains("Registered with World Directory successfully!"));
                assertThat(directory.calls("POST /map-registry/register").getFirst().body())
                        .contains("\"supported_maps\":[2]", "\"port\":" + port, "\"name\":\"Darkwood Forest\"",
                                "\"content_version\":\"" + ShippedContent.CONTENT.version() + "\"");

                long stopAsked = System.nanoTime();
                process.toHandle().destroy(); // SIGTERM, as Docker and systemd send it
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(Duration.ofSeconds(10));
                assertThat(directory.calls("POST /map-registry/register").getLast().body()).contains("\"state\":\"DRAINING\"");
                assertThat(directory.calls("DELETE /map-registry/server/map-server-7")).hasSize(1);
                assertThat(Files.readString(log)).contains("Map server map-server-7 stopped");
            } finally {
                process.destroyForcibly();
                Files.deleteIfExists(log);
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> args, String... env) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(SCRIPT.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output));
    }
}
