package com.mmorpg.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer should find in every module's main sources: a {@code package-info.java} saying what
 * lives in each package and who may use it, and no class over {@value #MAX_LINES} lines unless the top
 * of its javadoc says why it is one class ("Why one class ..." or "Why this is one class ...").
 */
class SourceHouseTest {

    static final int MAX_LINES = 360;
    private static final Pattern REASON = Pattern.compile("Why (this is )?one class");

    @Test
    void everyMainPackageSaysWhatLivesThere() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path directory : mainPackages()) {
            Path info = directory.resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                missing.add(RepositoryFiles.ROOT.relativize(directory).toString());
            } else {
                assertThat(Files.readString(info)).as(info.toString()).contains("/**").contains("package ");
            }
        }
        assertThat(missing).as("main packages without a package-info.java").isEmpty();
    }

    @Test
    void noMainClassIsLongWithoutAReason() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path source : mainSources()) {
            List<String> lines = Files.readAllLines(source);
            if (lines.size() > MAX_LINES) {
                String text = String.join("\n", lines);
                int declaration = text.indexOf("\nclass ") >= 0 ? text.indexOf("\nclass ") : text.length();
                for (String kind : List.of("\npublic ", "\nfinal ", "\nabstract ", "\nrecord ", "\ninterface ", "\nenum ")) {
                    int at = text.indexOf(kind);
                    if (at >= 0 && at < declaration) {
                        declaration = at;
                    }
                }
                if (!REASON.matcher(text.substring(0, declaration)).find()) {
                    tooLong.add(RepositoryFiles.ROOT.relativize(source) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(tooLong).as("classes over %d lines without a reason at their top", MAX_LINES).isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path root : mainRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java") && !file.endsWith("package-info.java"))
                        .forEach(sources::add);
            }
        }
        assertThat(sources).as("main sources").hasSizeGreaterThan(100);
        return sources;
    }

    private static List<Path> mainPackages() throws IOException {
        List<Path> packages = new ArrayList<>();
        for (Path root : mainRoots()) {
            try (Stream<Path> directories = Files.walk(root)) {
                directories.filter(Files::isDirectory).filter(SourceHouseTest::holdsJava).forEach(packages::add);
            }
        }
        assertThat(packages).as("main packages").hasSizeGreaterThan(50);
        return packages;
    }

    private static boolean holdsJava(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.toString().endsWith(".java") && !file.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <module>/src/main/java} of every module that has one. */
    private static List<Path> mainRoots() throws IOException {
        try (Stream<Path> modules = Files.list(RepositoryFiles.ROOT)) {
            return modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
    }
}
