package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's quick start, run as a newcomer runs it, on the packaged tree: {@code start-dev.sh},
 * {@code bot.sh health}, {@code bot.sh play --user demo}, a short {@code bot.sh load} with README's
 * options on the default limits, {@code stop-dev.sh}. Ports, PID files, logs and the embedded
 * databases' data are this test's own (AUTH_PORT, ..., MMO_RUN_DIR, ...), so a developer's running
 * stack is neither used nor touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartIT {

    @TempDir
    static Path state;

    static final Map<String, String> ENV = new HashMap<>();
    static int authPort;
    static int worldPort;
    static int gatewayPort;
    static int map1Port;
    static int map2Port;

    @BeforeAll
    static void ports() throws IOException {
        authPort = ServiceProcess.freePort();
        worldPort = ServiceProcess.freePort();
        gatewayPort = ServiceProcess.freePort();
        map1Port = mapPort(-1);
        map2Port = mapPort(map1Port);
        ENV.put("AUTH_PORT", "" + authPort);
        ENV.put("WORLD_PORT", "" + worldPort);
        ENV.put("GATEWAY_PORT", "" + gatewayPort);
        ENV.put("MAPS", "1:" + map1Port + ",2:" + map2Port);
        ENV.put("MMO_RUN_DIR", state.resolve("run").toString());
        ENV.put("MMO_LOG_DIR", state.resolve("logs").toString());
        ENV.put("MMO_DATA_DIR", state.resolve("data").toString());
        // what README tells a newcomer who changed the ports to tell the bot
        ENV.put("AUTH_SERVICE_URL", "http://localhost:" + authPort);
        ENV.put("WORLD_DIRECTORY_URL", "http://localhost:" + worldPort);
        ENV.put("GATEWAY_URL", "ws://localhost:" + gatewayPort);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        run(List.of("./scripts/stop-dev.sh"), 120);
    }

    @Test
    @Order(1)
    void startDevBringsTheWholeBackendUp() throws Exception {
        Run run = run(List.of("./scripts/start-dev.sh"), 420);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("auth is UP", "world is UP", "gateway is UP",
                "map server 1 is registered with the world directory", "map server 2 is registered with the world directory",
                "Backend is up in");
    }

    @Test
    @Order(2)
    void botHealthSeesThreeServicesUp() throws Exception {
        Run run = run(List.of("./scripts/bot.sh", "health"), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(line -> line.contains(" UP ")).count()).as(run.output()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void botPlaysAsDemo() throws Exception {
        Run run = run(List.of("./scripts/bot.sh", "play", "--user", "demo", "--duration", "10s"), 180);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("bye");
    }

    @Test
    @Order(4)
    void aShortLoadWithReadmesOptionsHasNoErrorsOnTheDefaultLimits() throws Exception {
        Run run = run(List.of("./scripts/bot.sh", "load", "--players", "20", "--duration", "10s", "--ramp", "10/s"), 300);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("errors: 0 of 20 bots");
    }

    @Test
    @Order(5)
    void stopDevStopsWhatItStartedAndFreesThePorts() throws Exception {
        Run run = run(List.of("./scripts/stop-dev.sh"), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("stopped");
        for (int port : new int[] {authPort, worldPort, gatewayPort, map1Port, map2Port}) {
            assertThat(listening(port)).as("port %d after stop-dev.sh", port).isFalse();
        }
    }

    @Test
    @Order(6)
    void aPortHeldByAnotherProgramIsNamedAndNothingIsStopped() throws Exception {
        try (ServerSocket squatter = new ServerSocket(authPort)) {
            Run run = run(List.of("./scripts/start-dev.sh"), 120);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("port " + authPort + " (auth-service) is in use by pid " + ProcessHandle.current().pid())
                    .contains("AUTH_PORT=<port>");
            assertThat(squatter.isClosed()).isFalse();
            assertThat(listening(authPort)).isTrue();
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(state, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(RepositoryFiles.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("REDIS_URL");
        builder.environment().putAll(ENV);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free for TCP and UDP whose ops port (+1000) is free too, other than {@code not}. */
    private static int mapPort(int not) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
            if (port == not || Math.abs(port - not) == 1000) {
                continue;
            }
            try (ServerSocket tcp = new ServerSocket(port); ServerSocket ops = new ServerSocket(port + 1000);
                    DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free map-server port pair");
    }
}
