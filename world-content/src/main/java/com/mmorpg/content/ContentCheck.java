package com.mmorpg.content;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./scripts/content.sh check [dir]}: checks a content folder as every service will at start and
 * prints each problem with its file and place. Exit codes: 0 valid, 1 problems, 2 bad arguments.
 */
public final class ContentCheck {

    static final String USAGE = "usage: content.sh check [content-folder]   (default: CONTENT_DIR, else content)";

    private ContentCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("CONTENT_DIR"), System.out, System.err));
    }

    static int run(String[] args, String contentDir, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || !args[0].equals("check")) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args.length == 2 ? args[1] : contentDir == null || contentDir.isBlank() ? "content" : contentDir.strip());
        List<ContentProblem> problems = WorldContent.check(folder);
        if (!problems.isEmpty()) {
            err.println(folder.toAbsolutePath().normalize() + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            problems.forEach(problem -> err.println("  " + problem));
            return 1;
        }
        WorldContent content = WorldContent.load(folder);
        out.println(folder.toAbsolutePath().normalize() + ": valid, version " + content.version() + ": " + content.maps().size() + " maps "
                + content.maps().keySet() + ", " + content.mobs().all().size() + " mob types, " + content.classes().size() + " classes, "
                + content.items().all().size() + " item types, " + content.items().lootTables().size() + " loot tables");
        return 0;
    }
}
