package com.mmorpg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of a content folder for tests that change one: a studio's own world, a broken file, a removed class. */
public final class ContentFolders {

    private ContentFolders() {
    }

    /** A copy of the folder {@code from} (every file below it) at {@code target}, which is created. */
    public static Path copy(Path from, Path target) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
