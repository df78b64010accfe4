package com.mmorpg.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.BackendStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * against the backend on real processes. Skipped, saying so, only where {@code godot3} or
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
        try (BackendStack stack = BackendStack.start(Path.of(".."), "gateway-godot")) {
            stack.startMapServer(1);

            Run run = godot("res://test/e2e.gd", Map.of("MMO_AUTH_URL", stack.authUrl(),
                    "MMO_GATEWAY_URL", stack.gatewayUrl()), 240);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("step registered user", "step character created",
                    "step gateway welcome user", "step reauth_success expires_in", "step enter_world_success map 1", "step map welcome entity",
                    "step chat heard 'hello from godot", "step chat history of map holds it",
                    "step snapshots received", "step moved from", "step hit mob", "E2E OK")
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
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "godot3", "--no-window", "--path",
                PROJECT.toString()));
        command.addAll(arguments);
        Path log = Files.createTempFile(home, "godot", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HOME", home.toString()); // Godot writes its settings under $HOME
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
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
