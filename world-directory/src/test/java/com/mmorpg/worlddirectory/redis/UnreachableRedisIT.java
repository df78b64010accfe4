package com.mmorpg.worlddirectory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service, as start-dev.sh runs it, given a REDIS_URL whose host does not exist. */
class UnreachableRedisIT {

    @Test
    void jarExitsFastWithOneClearLine() throws Exception {
        JavaProcess.Result result = JavaProcess.run(Path.of("target/world-directory.jar"),
                Map.of("REDIS_URL", "redis://no-such-redis.invalid:6379", "PORT", "0"),
                Duration.ofSeconds(60));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("Cannot reach Redis at redis://no-such-redis.invalid:6379 (REDIS_URL): unknown host no-such-redis.invalid")
                .doesNotContain("\tat ");
    }
}
