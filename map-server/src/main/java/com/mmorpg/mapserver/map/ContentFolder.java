package com.mmorpg.mapserver.map;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The world's content folder ({@code CONTENT_DIR}: {@code maps/<id>.json}, {@code mobs.json}), which the
 * studio owns and every map server reads at start; the repository's {@code content/}, baked into images.
 */
public final class ContentFolder {

    private ContentFolder() {
    }

    /** {@code folder} when it is a directory; otherwise a clear error naming it. */
    static Path require(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidMapException("the content folder " + describe(folder) + " does not exist");
        }
        return folder;
    }

    /** {@code folder} as the operator reads it: absolute, and where it came from (what was given, when relative). */
    static String describe(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute + (folder.isAbsolute() ? " (CONTENT_DIR)" : " (CONTENT_DIR " + folder + ")");
    }
}
