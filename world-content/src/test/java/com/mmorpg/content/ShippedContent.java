package com.mmorpg.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's content folder, which tests run from a module's folder find here, and copies of it to break. */
final class ShippedContent {

    static final Path DIR = Path.of("..", "content");

    private ShippedContent() {
    }

    /** A copy of the shipped content in {@code target}, to change. */
    static Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(DIR.relativize(file).toString());
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
