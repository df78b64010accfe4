package com.mmorpg.testsupport;

import com.mmorpg.testsupport.embedded.EmbeddedRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.GenericContainer;

/**
 * The one real Redis server of a test JVM, started on first use. Every test class gets its own
 * logical database (index), flushed before it is handed out, so classes never see each other's keys.
 */
public final class TestRedis {

    /** Logical databases the server is started with; indexes are reused (after a flush) past this. */
    public static final int DATABASES = 256;

    private static final AtomicInteger handedOut = new AtomicInteger();

    private TestRedis() {
    }

    /** A clean logical database; the server starts on the first call. */
    public static RedisDatabase newDatabase() {
        Server server = Holder.SERVER;
        // Index 0 stays free for ad-hoc use (redis-cli without SELECT).
        int index = 1 + Math.floorMod(handedOut.getAndIncrement(), DATABASES - 1);
        RedisDatabase database = new RedisDatabase(server.host(), server.port(), index);
        flush(database);
        return database;
    }

    public static ServerMode mode() {
        return Holder.SERVER.mode();
    }

    /** Deletes every key of that logical database. */
    public static void flush(RedisDatabase database) {
        RedisClient client = RedisClient.create(RedisURI.create(database.url()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    record Server(ServerMode mode, String host, int port) {
    }

    private static final class Holder {
        static final Server SERVER = start(ServerMode.current());
    }

    static Server start(ServerMode mode) {
        return SharedServer.start("Redis", mode, new SharedServer.Starts<>() {
            @Override
            @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
            public Server container() {
                GenericContainer<?> container = new GenericContainer<>("redis:7")
                        .withExposedPorts(6379)
                        .withCommand("redis-server", "--databases", String.valueOf(DATABASES), "--save", "", "--appendonly", "no");
                container.start();
                return new Server(ServerMode.DOCKER, container.getHost(), container.getMappedPort(6379));
            }

            @Override
            public Server embedded() throws IOException {
                EmbeddedRedisServer embedded = SharedServer.stoppedAtExit(EmbeddedRedisServer.startEphemeral(DATABASES), "redis");
                return new Server(ServerMode.EMBEDDED, "localhost", embedded.port());
            }
        }, server -> server.host() + ":" + server.port());
    }
}
