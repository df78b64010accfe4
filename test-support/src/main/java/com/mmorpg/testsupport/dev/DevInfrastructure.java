package com.mmorpg.testsupport.dev;

import com.mmorpg.testsupport.embedded.EmbeddedPostgresServer;
import com.mmorpg.testsupport.embedded.EmbeddedRedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev launcher behind {@code scripts/start-dev.sh} when no {@code DATABASE_URL}/{@code REDIS_URL}
 * is given: the same real embedded PostgreSQL and Redis the tests use, but keeping their data
 * under {@code .data/} so accounts survive restarts. Prefers ports 5432/6379, else takes free ones,
 * writes the URLs it chose to an env file for the script, and runs until it is told to stop.
 *
 * <p>Usage: {@code DevInfrastructure <data-dir> <env-file>}
 */
public final class DevInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(DevInfrastructure.class);
    static final String DATABASE = "mmorpg";
    private static final int POSTGRES_PORT = 5432;
    private static final int REDIS_PORT = 6379;

    private DevInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DevInfrastructure <data-dir> <env-file>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        Path envFile = Path.of(args[1]).toAbsolutePath();

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(
                dataDir.resolve("postgres"), portOrFree(POSTGRES_PORT));
        postgres.ensureDatabase(DATABASE);
        EmbeddedRedisServer redis;
        try {
            redis = EmbeddedRedisServer.startPersistent(dataDir.resolve("redis"), portOrFree(REDIS_PORT));
        } catch (IOException e) {
            postgres.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping dev PostgreSQL and Redis");
            redis.close();
            postgres.close();
            stopped.countDown();
        }, "dev-infrastructure-stop"));

        String databaseUrl = "postgresql://" + EmbeddedPostgresServer.USER + ":" + EmbeddedPostgresServer.PASSWORD
                + "@localhost:" + postgres.port() + "/" + DATABASE;
        String redisUrl = "redis://127.0.0.1:" + redis.port();
        writeAtomically(envFile, "DATABASE_URL=" + databaseUrl + "\nREDIS_URL=" + redisUrl + "\n");
        log.info("dev infrastructure ready: postgres port={} redis port={} data={}", postgres.port(), redis.port(), dataDir);
        stopped.await();
    }

    static int portOrFree(int preferred) throws IOException {
        try (ServerSocket probe = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException taken) {
            int port = EmbeddedRedisServer.freePort();
            log.info("port {} is taken, using {}", preferred, port);
            return port;
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
