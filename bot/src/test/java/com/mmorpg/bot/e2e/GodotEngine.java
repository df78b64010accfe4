package com.mmorpg.bot.e2e;

import com.mmorpg.testsupport.RequiredTools;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Godot engine running one of the repository's Godot projects, its whole log (the engine's
 * own lines and the script's) in a file:
 * <ul>
 * <li>{@link #GODOT4}: Godot 4.6 from Debian sid, in the chroot {@code scripts/godot4.sh} makes, on the
 *     typed addon and the demo in {@code godot/};</li>
 * <li>{@link #GODOT3}: Debian's Godot 3.2 ({@code godot3}) under xvfb, on the 3.x variant in {@code godot3/}.</li>
 * </ul>
 * A run passes only when its log holds none of the lines the engine writes for a script that does not
 * load or fails while running ({@link #engineErrors}): a runner's own "0 failed" is not enough.
 */
enum GodotEngine {

    GODOT4("godot", "Godot 4 (./scripts/godot4.sh install: a Debian sid chroot with package godot)") {
        @Override
        boolean available() {
            try {
                Path out = Files.createTempFile("godot4-version", ".txt");
                Process version = new ProcessBuilder(GODOT4_SCRIPT.toString(), "version").redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                boolean ended = version.waitFor(60, TimeUnit.SECONDS); // bounded: a read of its pipe could wait forever
                if (!ended) {
                    new Running(version, out).stop();
                }
                String output = Files.readString(out, StandardCharsets.UTF_8);
                Files.deleteIfExists(out);
                return ended && version.exitValue() == 0 && output.strip().startsWith("4.6.");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        List<String> command(boolean display, List<String> arguments) {
            List<String> command = new ArrayList<>(display
                    ? List.of(GODOT4_SCRIPT.toString(), "xvfb", "--rendering-driver", "opengl3", "--audio-driver", "Dummy", "--path", ".")
                    : List.of(GODOT4_SCRIPT.toString(), "run", "--headless", "--path", "."));
            command.addAll(arguments);
            return command;
        }
    },

    GODOT3("godot3", "Godot 3.2 and xvfb (packages godot3, xvfb, xauth)") {
        @Override
        boolean available() {
            return RequiredTools.onPath("godot3") && RequiredTools.onPath("xvfb-run");
        }

        @Override
        List<String> command(boolean display, List<String> arguments) {
            List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "godot3", "--no-window", "--audio-driver", "Dummy",
                    "--path", "."));
            command.addAll(arguments);
            return command;
        }
    };

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path GODOT4_SCRIPT = REPOSITORY.resolve("scripts/godot4.sh");

    /**
     * Holds the engines for one test class at a time across the test JVMs of this module (failsafe runs two):
     * Godot's tests share the project folders and their {@code .godot/} files, and {@code xvfb-run -a} picks
     * its display by looking for a free one, which two engines starting at once could both pick.
     */
    static final class OneClassAtATime implements BeforeAllCallback, AfterAllCallback {

        private static final Path LOCK = Path.of("target", "godot-engines.lock");
        private FileChannel channel;

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock(); // waits while another JVM's class holds it; bounded by the lifecycle timeout
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        }
    }

    /** What Godot prints when a script does not parse, compile or load, or fails while running. */
    private static final Pattern ENGINE_ERROR = Pattern.compile(
            "SCRIPT ERROR|Parse Error|Compile Error|Failed to load script|^\\s*ERROR:");

    private final String folder;
    private final String tool;

    GodotEngine(String folder, String tool) {
        this.folder = folder;
        this.tool = tool;
    }

    abstract boolean available();

    abstract List<String> command(boolean display, List<String> arguments);

    /** The project folder (Godot's {@code res://}). */
    Path project() {
        return REPOSITORY.resolve(folder);
    }

    /** Fails under CI, or skips saying so elsewhere, unless the engine is installed. */
    void require() {
        RequiredTools.require(available(), tool);
    }

    /** Runs the engine headless (Godot 4) or under xvfb (Godot 3) and waits for it. */
    Run run(List<String> arguments, Map<String, String> environment, Path home, int timeoutSeconds)
            throws IOException, InterruptedException {
        return start(false, arguments, environment, home).await(timeoutSeconds);
    }

    /**
     * Starts the engine; {@code display} gives Godot 4 a virtual screen and real OpenGL frames (for
     * screenshots). {@code home} holds the log, and is Godot 3's $HOME (its settings); paths handed to
     * Godot 4 must be under the project or /tmp, the folders its chroot sees.
     */
    Running start(boolean display, List<String> arguments, Map<String, String> environment, Path home) throws IOException {
        Path log = Files.createTempFile(home, name().toLowerCase(), ".log");
        ProcessBuilder builder = new ProcessBuilder(command(display, arguments)).directory(project().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        if (this == GODOT3) {
            builder.environment().put("HOME", home.toString()); // its settings; Godot 4's chroot has a home of its own
        }
        return new Running(builder.start(), log);
    }

    /**
     * What Godot 3.2 says about this machine rather than about a script, on every start: a folder it
     * tries to make before reading $HOME, and the "C" locale of a build machine. Nothing else is excused.
     */
    private static final Pattern HOST_NOISE = Pattern.compile(
            "^ERROR: (make_dir_recursive: Method failed|get_language_code: Invalid locale|set_locale: Unsupported locale)");

    /** The lines of a log that say a script failed to load or run (empty for a clean run). */
    static List<String> engineErrors(String log) {
        return log.lines().filter(line -> ENGINE_ERROR.matcher(line).find() && !HOST_NOISE.matcher(line).find()).toList();
    }

    record Run(int exitCode, String output) {

        List<String> engineErrors() {
            return GodotEngine.engineErrors(output);
        }
    }

    /** A running engine; {@link #await} ends it (and every process under it) at the deadline. */
    record Running(Process process, Path log) {

        boolean isAlive() {
            return process.isAlive();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        Run await(int timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                stop();
                return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + output());
            }
            return new Run(process.exitValue(), output());
        }

        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
