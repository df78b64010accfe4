package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * test-support's FastStart, which the suite's service starts go through (failsafe turns it on): a Spring
 * service's AOT cache is made once, then used as it is, and a cache the JVM would refuse is reported and
 * made again instead of silently costing every start its speed.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FastStartIT {

    private static final Path BUILT = Path.of("..", "world-directory", "target", "world-directory.jar");
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /**
     * A copy of the built jar in a folder of this test's own: its cache is made here, by this test, and the damaged
     * cache below cannot reach the services other test JVMs start from the built jar meanwhile.
     */
    @TempDir
    static Path own;

    @Test
    void aCacheIsMadeThenUsedAndOneTheJvmRefusesIsReportedAndMadeAgain() throws Exception {
        assertThat(Boolean.getBoolean("services.fastStart")).as("failsafe starts services with FastStart").isTrue();
        RedisDatabase redis = TestRedis.newDatabase();
        Path jar = Files.copy(BUILT, own.resolve("world-directory.jar"));
        Path cache = own.resolve("fast-start").resolve("world-directory.aot");

        startAndStop(redis, jar);
        assertThat(cache).as("made by the first start").isRegularFile();
        FileTime made = Files.getLastModifiedTime(cache);

        startAndStop(redis, jar);
        assertThat(Files.getLastModifiedTime(cache)).as("used as it is, not made again").isEqualTo(made);

        Files.write(cache, "not an AOT cache".getBytes(StandardCharsets.US_ASCII)); // as a damaged or foreign cache
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream standardError = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            startAndStop(redis, jar);
        } finally {
            System.setErr(standardError);
        }
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("[fast-start] the AOT cache of world-directory.jar was refused by this JVM; it is made again");
        assertThat(Files.size(cache)).as("a real cache again").isGreaterThan(1_000_000);
    }

    private static void startAndStop(RedisDatabase redis, Path jar) throws Exception {
        int port = ServiceProcess.freePort();
        ServiceProcess world = ServiceProcess.start("fast-start-world", jar,
                Map.of("PORT", String.valueOf(port), "REDIS_URL", redis.url()), FLAGS);
        try {
            world.awaitAnswer("http://127.0.0.1:" + port + "/actuator/health", "\"UP\"", Duration.ofSeconds(120));
        } finally {
            assertThat(world.terminate(Duration.ofSeconds(30))).isTrue();
        }
    }
}
