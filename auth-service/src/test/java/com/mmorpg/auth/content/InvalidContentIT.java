package com.mmorpg.auth.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.ContentFolders;
import com.mmorpg.testsupport.JavaProcess;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service, given a content folder with mistakes: it does not start, and says each with its file and place. */
class InvalidContentIT {

    @Test
    void jarRefusesToStartNamingEveryProblemOnce(@TempDir Path folder) throws Exception {
        Path content = ContentFolders.copy(Path.of("..", "content"), folder.resolve("content"));
        Files.writeString(content.resolve("classes.json"), Files.readString(content.resolve("classes.json"))
                .replaceFirst("\"growth\": \\{[^}]*\\}", "\"growth\": null"));
        Files.delete(content.resolve("maps/dungeon.png"));

        PostgresDatabase database = TestPostgres.newDatabase();

        JavaProcess.Result result = JavaProcess.run(Path.of("target/auth-service.jar"),
                Map.of("DATABASE_URL", database.url(), "PORT", "0", "CONTENT_DIR", content.toString()), Duration.ofSeconds(90));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("the content folder " + content.toAbsolutePath().normalize() + " (CONTENT_DIR) has 2 problems:")
                .contains("classes.json: classes[0] (Warrior): growth missing")
                .contains("maps/dungeon.tsj: image: \"dungeon.png\" does not exist")
                .doesNotContain("\tat ");
        assertThat(result.output().lines().filter(line -> line.contains("growth missing"))).hasSize(1);
    }
}
