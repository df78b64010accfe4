package com.mmorpg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A module's packaged jar that end-to-end tests start ({@code <module>/target/<module>.jar}), checked
 * before use: a test must not run yesterday's build of a service. A jar older than any main source
 * of its module or of the modules every deployable is built from ({@code common}, {@code world-content}, and
 * {@code service-support} for the Spring services) stops the test with the command that rebuilds it.
 */
public final class PackagedJar {

    private static final List<String> SHARED = List.of("common", "world-content", "service-support");

    private PackagedJar() {
    }

    /** {@code jar} itself, when it exists and is newer than the sources it is built from. */
    public static Path fresh(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar.toAbsolutePath().normalize()
                    + ": build it first (./mvnw -pl <module> -am package -DskipTests)");
        }
        Path moduleDir = jar.toAbsolutePath().normalize().getParent().getParent();
        Path root = moduleDir.getParent();
        String module = moduleDir.getFileName().toString();
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path sources : Stream.concat(Stream.of(module), SHARED.stream())
                    .map(name -> root.resolve(name).resolve("src/main")).filter(Files::isDirectory).toList()) {
                Optional<Path> newer = newerThan(sources, built);
                if (newer.isPresent()) {
                    throw new IllegalStateException("stale jar " + root.relativize(jar.toAbsolutePath().normalize()) + ": "
                            + root.relativize(newer.get()) + " changed after it was built; rebuild it: ./mvnw -pl " + module
                            + " -am package -DskipTests (or run the tests through ./scripts/test.sh)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static Optional<Path> newerThan(Path directory, FileTime built) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(built) > 0;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        }
    }
}
