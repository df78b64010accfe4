package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.bot.e2e.GodotEngine.Run;
import com.mmorpg.bot.e2e.GodotEngine.Running;
import com.mmorpg.content.WorldContent;
import com.mmorpg.testsupport.BackendStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Godot addon in real engines: the typed Godot 4 addon ({@code godot/}) in Godot 4.6 and the 3.x
 * variant ({@code godot3/}) in Debian's Godot 3.2. In each, every script loads, the codec passes the
 * golden vectors, the units pass, and a client plays the whole flow against the backend on real
 * processes (support staff's announcement included). A run fails on any line of the engine's log that
 * says a script did not load or failed ({@link GodotEngine#engineErrors}), whatever the runner counted.
 * Under {@code CI=true} a missing engine fails; elsewhere it skips, saying so.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
@ExtendWith(GodotEngine.OneClassAtATime.class)
class GodotAddonIT {

    /** How many vectors and units each runner must report, so that one that silently runs fewer fails. */
    private static final Map<GodotEngine, Integer> VECTORS = Map.of(GodotEngine.GODOT4, 28, GodotEngine.GODOT3, 19);
    private static final Map<GodotEngine, Integer> UNITS = Map.of(GodotEngine.GODOT4, 144, GodotEngine.GODOT3, 30);

    @TempDir
    static Path home;
    private static BackendStack stack;

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @EnumSource(GodotEngine.class)
    void everyScriptLoadsWithoutAnError(GodotEngine engine) throws Exception {
        engine.require();
        List<String> scripts = scripts(engine.project());
        assertThat(scripts).as("the addon's scripts").contains("res://addons/mmo_backend/kryo.gd", "res://examples/world_client.gd");
        for (String script : scripts) {
            Run run = engine.run(List.of("--check-only", "-s", script), Map.of(), home, 120);

            assertThat(run.exitCode()).as(script + "\n" + run.output()).isZero();
            assertThat(run.engineErrors()).as(script + "\n" + run.output()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(GodotEngine.class)
    void theGdscriptCodecPassesTheGoldenVectors(GodotEngine engine) throws Exception {
        engine.require();
        Run run = engine.run(List.of("-s", "res://test/run_vectors.gd"), Map.of(), home, 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("vectors: " + VECTORS.get(engine) + " passed, 0 failed").doesNotContain("FAIL");
        assertThat(run.engineErrors()).as(run.output()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(GodotEngine.class)
    void jsonPredictionAndHostileBytesBehaveInTheEngine(GodotEngine engine) throws Exception {
        engine.require();
        Run run = engine.run(List.of("-s", "res://test/run_units.gd"), Map.of(), home, 120);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("units: " + UNITS.get(engine) + " passed, 0 failed");
        assertThat(run.engineErrors()).as(run.output()).isEmpty();
    }

    /** The log check catches what this very engine prints for a script that fails while running. */
    @ParameterizedTest
    @EnumSource(GodotEngine.class)
    void theLogCheckCatchesWhatTheEngineWritesForAFailingScript(GodotEngine engine) throws Exception {
        engine.require();
        Run run = engine.run(List.of("-s", "res://test/engine_errors_probe.gd"), Map.of(), home, 120);

        assertThat(run.engineErrors()).as(run.output())
                .anyMatch(line -> line.contains("SCRIPT ERROR") && line.contains("probe"))
                .anyMatch(line -> line.strip().startsWith("ERROR:") && line.contains("probe: push_error"));
    }

    /** What this test reads in a log is what a broken script writes there: the check cannot be blind. */
    @Test
    void aScriptThatDoesNotParseIsCaughtInTheLog() {
        assertThat(GodotEngine.engineErrors("""
                Godot Engine v4.6.3.stable.debian
                SCRIPT ERROR: Parse Error: Static function "get_ticks_msec()" not found in base "GDScriptNativeClass".
                   at: GDScript::reload (res://addons/mmo_backend/compat.gd:13)
                ERROR: Failed to load script "res://addons/mmo_backend/compat.gd" with error "Parse error".
                units: 15 passed, 0 failed
                """)).hasSize(2);
        assertThat(GodotEngine.engineErrors("""
                ERROR: make_dir_recursive: Method failed. Returning: err
                Godot Engine v3.2.3.stable.custom_build
                ERROR: get_language_code: Invalid locale 'C'.
                units: 30 passed, 0 failed
                """)).isEmpty();
        assertThat(GodotEngine.engineErrors("SCRIPT ERROR: Invalid get index 'x' (on base: 'Nil').\n")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(GodotEngine.class)
    void aGodotClientPlaysTheWholeFlowAgainstTheBackend(GodotEngine engine) throws Exception {
        engine.require();
        String announcement = "Maintenance at noon " + System.nanoTime();
        BackendStack backend = stack();

        // The map file the server loads, where Godot 4's chroot can read it: the layout it sends must hold its very tiles.
        Path mapFile = Files.copy(GodotEngine.REPOSITORY.resolve("content/maps/1.json"),
                home.resolve("map-1-" + engine + ".json"));
        Running godot = engine.start(false, List.of("-s", "res://test/e2e.gd"), Map.of("MMO_AUTH_URL", backend.authUrl(),
                "MMO_GATEWAY_URL", backend.gatewayUrl(), "MMO_EXPECT_ANNOUNCEMENT", announcement,
                "MMO_MAP_FILE", mapFile.toString()), home);
        // Support staff announce once the engine's player is in the world; the script waits for it at its end.
        await().atMost(Duration.ofSeconds(120)).until(() -> !godot.isAlive() || godot.output().contains("step enter_world_success"));
        if (godot.isAlive()) {
            Announcements.announce(backend, "godot_ops", "godot-ops-password-1", announcement);
        }
        Run run = godot.await(240);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("step registered user", "step character created",
                "step gateway welcome user", "step reauth_success expires_in", "step enter_world_success map 1", "step map welcome entity",
                "step chat heard 'hello from godot", "step chat history of map holds it",
                "step snapshots received", "step moved from", "step hit mob", "step announcement '" + announcement + "'", "E2E OK");
        if (engine == GodotEngine.GODOT4) {
            assertThat(run.output()).contains("step map layout Greenfield Meadows 50x40");
            assertThat(run.output()).contains("step served map Greenfield Meadows equals the server's layout, version "
                    + WorldContent.load(Path.of("..", "content")).version());
        }
        assertThat(run.engineErrors()).as(run.output()).isEmpty();
    }

    /** Every GDScript of a project (addon, examples, tests, demo) as a res:// path; not Godot's own cache. */
    private static List<String> scripts(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project)) {
            return files.filter(file -> file.toString().endsWith(".gd") && !project.relativize(file).startsWith(".godot"))
                    .map(file -> "res://" + project.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** One backend for both engines' flows, started by the first that needs it. */
    private static synchronized BackendStack stack() throws Exception {
        if (stack == null) {
            stack = BackendStack.start(Path.of(".."), "gateway-godot", BackendStack.Options.defaults()
                    .withEnvironment(Map.of("ADMIN_USERNAME", "godot_ops", "ADMIN_PASSWORD", "godot-ops-password-1")));
            stack.startMapServer(1);
        }
        return stack;
    }
}
