package com.mmorpg.mapserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.mapserver.map.ShippedContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./scripts/content.sh check [dir]} as README shows it, on the packaged map server's jar. */
class ContentScriptIT {

    private static final Path SCRIPT = Path.of("..", "scripts", "content.sh").toAbsolutePath().normalize();

    private record Run(int exitCode, String output) {
    }

    @Test
    void theShippedContentIsValidAndItsVersionIsTheOneServersReport() throws Exception {
        Run run = run("check");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(": valid, version " + ShippedContent.CONTENT.version() + ": 3 maps [1, 2, 3], 5 mob types, 3 classes, 13 item types, 5 loot tables");
    }

    @Test
    void aBrokenFolderIsEveryProblemWithItsFileAndPlaceAndExitOne(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("maps"));
        Files.writeString(folder.resolve("maps/1.json"), "{\"id\":1,\"name\":\"Cellar\",\"tile_size\":32,\"legend\":{\".\":\"grass\",\"#\":\"wall\"},"
                + "\"spawn\":{\"x\":48,\"y\":48},\"tiles\":[\"####\",\"#.?#\",\"####\"]}");
        Files.copy(ShippedContent.DIR.resolve("classes.json"), folder.resolve("classes.json"));

        Run run = run("check", folder.toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains(folder.toAbsolutePath() + ": 2 problems", "  mobs.json: missing from the content folder",
                "  maps/1.json: row 1 column 2: tile '?' is not in the legend").doesNotContain("\tat ");
        assertThat(run("verify").exitCode()).isEqualTo(2);
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("CONTENT_DIR");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
