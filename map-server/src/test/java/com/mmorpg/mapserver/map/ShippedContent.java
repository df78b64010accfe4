package com.mmorpg.mapserver.map;

import java.nio.file.Path;

/** The repository's content folder, which tests run from the module's folder find here. */
public final class ShippedContent {

    public static final Path DIR = Path.of("..", "content");

    private ShippedContent() {
    }
}
