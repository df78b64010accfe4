package com.mmorpg.testsupport.embedded;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (6.2, shipped inside codemonstur's embedded-redis jar) bound to loopback:
 * ephemeral for tests (no persistence) or persistent for the dev launcher (AOF in a data folder).
 *
 * <p>The binary is unpacked once into a fixed folder under the temporary directory instead of a
 * new {@code /tmp/redis-*} folder per start, so runs leave nothing behind.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final int START_ATTEMPTS = 3;
    private static File binaryFolder;

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** No persistence, {@code databases} logical databases, on a free loopback port. */
    public static EmbeddedRedisServer startEphemeral(int databases) throws IOException {
        IOException last = null;
        // A free port can be taken between the probe and redis' bind; try a few.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                return start(port, builder -> builder
                        .setting("databases " + databases)
                        .setting("save \"\"")
                        .setting("appendonly no"));
            } catch (IOException e) {
                last = e;
                log.debug("embedded Redis could not start on port {}: {}", port, e.toString());
            }
        }
        throw last;
    }

    /** No persistence, on a given port: for tests that stop and restart "the same" Redis. */
    public static EmbeddedRedisServer startEphemeralOn(int port) throws IOException {
        return start(port, builder -> builder.setting("save \"\"").setting("appendonly no"));
    }

    /** Append-only persistence in {@code dataDirectory}, so data survives restarts, on {@code port}. */
    public static EmbeddedRedisServer startPersistent(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        String dir = dataDirectory.toAbsolutePath().toString();
        return start(port, builder -> builder
                .setting("dir \"" + dir + "\"")
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save 60 1"));
    }

    private static EmbeddedRedisServer start(int port, UnaryOperator<RedisServerBuilder> settings) throws IOException {
        RedisServer server = settings.apply(RedisServer.newRedisServer()
                        .executableProvider(ExecutableProvider.newJarResourceProvider(binaryFolder()))
                        .bind("127.0.0.1")
                        .port(port)
                        .onShutdownForceStop(true))
                .build();
        server.start();
        return new EmbeddedRedisServer(server, port);
    }

    /**
     * A folder of this process's own for redis-server, which embedded-redis copies there on each start and
     * deletes when the JVM exits: in a folder shared by processes, one ending pulled the binary from under
     * another starting (a fresh-clone run's client tests failed so).
     */
    private static synchronized File binaryFolder() throws IOException {
        if (binaryFolder == null) {
            Path folder = Files.createTempDirectory("mmo-embedded-redis-");
            folder.toFile().deleteOnExit(); // after the binary, which is registered later
            binaryFolder = folder.toFile();
        }
        return binaryFolder;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("embedded Redis on port {} did not stop cleanly: {}", port, e.toString());
        }
    }
}
