package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.JavaProcess;
import com.mmorpg.testsupport.RefusingPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service, as start-dev.sh runs it, given a DATABASE_URL that points nowhere. */
class UnreachableDatabaseIT {

    @Test
    void jarExitsFastWithOneClearLine() throws Exception {
        try (RefusingPort refusing = RefusingPort.reserve()) { // refused for the whole test: nobody else can take the port
            int closedPort = refusing.port();

            JavaProcess.Result result = JavaProcess.run(Path.of("target/auth-service.jar"),
                    Map.of("DATABASE_URL", "postgresql://mmo:hunter2@127.0.0.1:" + closedPort + "/mmorpg", "PORT", "0"),
                    Duration.ofSeconds(60));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
            assertThat(result.output())
                    .contains("Cannot reach PostgreSQL at postgresql://mmo:***@127.0.0.1:" + closedPort + "/mmorpg (DATABASE_URL)")
                    .doesNotContain("hunter2")
                    .doesNotContain("\tat ");
            assertThat(result.output().lines().filter(line -> line.contains("Cannot reach PostgreSQL"))).hasSize(1);
        }
    }
}
