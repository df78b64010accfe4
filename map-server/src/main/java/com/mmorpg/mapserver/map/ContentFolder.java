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
            throw new InvalidMapException("the content folder " + describe(folder) + " does not exist (CONTENT_DIR)");
        }
        return folder;
    }

    /** {@code folder} as the operator reads it: absolute, with what it was given when that was relative. */
    static String describe(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return folder.isAbsolute() ? absolute.toString() : absolute + " (CONTENT_DIR " + folder + ")";
    }
}
