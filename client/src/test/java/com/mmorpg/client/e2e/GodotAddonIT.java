package com.mmorpg.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.testsupport.BackendStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Godot addon ({@code godot/addons/mmo_backend}) in a real engine: Debian's Godot 3.2 headless
 * under xvfb runs the codec against the golden vectors, then a scene that plays the whole flow
 * against the backend on real processes (support staff's announcement included). Skipped, saying so, only where {@code godot3} or
 * {@code xvfb-run} is not installed ({@code ./scripts/test.sh} installs them with apt-get when it can).
 */
class GodotAddonIT {

    private static final Path PROJECT = Path.of("..", "godot").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    @BeforeAll
    static void needsGodot() {
        Assumptions.assumeTrue(onPath("godot3") && onPath("xvfb-run"),
                "SKIPPED: godot3 and xvfb-run are needed (apt-get install godot3 xvfb xauth)");
    }

    @Test
    void theGdscriptCodecPassesTheGoldenVectors() throws Exception {
        Run run = godot("res://test/run_vectors.gd", Map.of(), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("vectors: 19 passed, 0 failed").doesNotContain("FAIL")
                .doesNotContain("SCRIPT ERROR");
    }

    @Test
    void jsonPredictionAndHostileBytesBehaveInTheEngine() throws Exception {
        Run run = godot("res://test/run_units.gd", Map.of(), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("units: 30 passed, 0 failed").doesNotContain("SCRIPT ERROR");
    }

    @Test
    void theExamplesParseInTheEngine() throws Exception {
        Run run = godot(List.of("--check-only", "-s", "res://examples/world_client.gd"), Map.of(), 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("SCRIPT ERROR").doesNotContain("Parse Error");
    }

    @Test
    void aGodotClientPlaysTheWholeFlowAgainstTheBackend() throws Exception {
        String announcement = "Maintenance at noon " + System.nanoTime();
        try (BackendStack stack = BackendStack.start(Path.of(".."), "gateway-godot", BackendStack.Options.defaults()
                .withEnvironment(Map.of("ADMIN_USERNAME", "godot_ops", "ADMIN_PASSWORD", "godot-ops-password-1")))) {
            stack.startMapServer(1);

            Godot godot = Godot.start(List.of("-s", "res://test/e2e.gd"), Map.of("MMO_AUTH_URL", stack.authUrl(),
                    "MMO_GATEWAY_URL", stack.gatewayUrl(), "MMO_EXPECT_ANNOUNCEMENT", announcement));
            // Support staff announce once the engine's player is in the world; the script waits for it at its end.
            await().atMost(Duration.ofSeconds(120)).until(() -> !godot.isAlive() || godot.output().contains("step enter_world_success"));
            if (godot.isAlive()) {
                String staff = new AuthClient(stack.authUrl()).login("godot_ops", "godot-ops-password-1").accessToken();
                HttpResponse<String> announced = stack.http().send(HttpRequest.newBuilder(URI.create(stack.authUrl() + "/admin/announce"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + staff)
                        .timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + announcement + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(announced.statusCode()).as(announced.body()).isEqualTo(200);
            }
            Run run = godot.await(240);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("step registered user", "step character created",
                    "step gateway welcome user", "step reauth_success expires_in", "step enter_world_success map 1", "step map welcome entity",
                    "step chat heard 'hello from godot", "step chat history of map holds it",
                    "step snapshots received", "step moved from", "step hit mob", "step announcement '" + announcement + "'", "E2E OK")
                    .doesNotContain("SCRIPT ERROR");
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run godot(String script, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        return godot(List.of("-s", script), environment, timeoutSeconds);
    }

    private static Run godot(List<String> arguments, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        return Godot.start(arguments, environment).await(timeoutSeconds);
    }

    /** A headless Godot 3 under xvfb, its output in a log file. */
    private record Godot(Process process, Path log) {

        static Godot start(List<String> arguments, Map<String, String> environment) throws IOException {
            List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "godot3", "--no-window", "--path",
                    PROJECT.toString()));
            command.addAll(arguments);
            Path log = Files.createTempFile(home, "godot", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("HOME", home.toString()); // Godot writes its settings under $HOME
            return new Godot(builder.start(), log);
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        Run await(int timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + output());
            }
            return new Run(process.exitValue(), output());
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
