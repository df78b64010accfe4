package com.mmorpg.mapserver.map;

import com.mmorpg.content.WorldContent;
import java.nio.file.Path;

/** The repository's content folder, which tests run from the module's folder find here. */
public final class ShippedContent {

    public static final Path DIR = Path.of("..", "content");
    /** The shipped content, read once for every test of the JVM. */
    public static final WorldContent CONTENT = WorldContent.load(DIR);

    private ShippedContent() {
    }
}
