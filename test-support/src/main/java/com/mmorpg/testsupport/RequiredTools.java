package com.mmorpg.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools from outside the build that some tests drive (Godot, xvfb, Chromium, the Docker client),
 * installed by {@code ./scripts/test.sh}. Under {@code CI=true} a missing tool fails the test: a
 * run that could not test the client must not pass. Elsewhere (a developer without root, say) the
 * test is skipped, saying so on one line of standard error.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** Fails (under CI) or aborts the calling test unless {@code available}; {@code what} names the tool and its package. */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (underCi()) {
            throw new AssertionError("CI=true and " + what + " is not available: ./scripts/test.sh installs it, and a"
                    + " tool the suite needs that could not be installed fails the run");
        }
        System.err.println("SKIPPED (not under CI): " + what + " is not available; ./scripts/test.sh installs it as root");
        Assumptions.abort(what + " is not available");
    }

    /** True when {@code command} is an executable on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
