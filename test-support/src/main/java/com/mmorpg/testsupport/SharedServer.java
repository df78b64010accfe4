package com.mmorpg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a test JVM starts its one server of a kind ({@link TestPostgres}, {@link TestRedis}): in a
 * container when a Docker engine answers, embedded otherwise ({@link ServerMode}), timed and logged
 * once; an embedded one stops with the JVM (a container is stopped by Testcontainers' reaper).
 */
final class SharedServer {

    private static final Logger log = LoggerFactory.getLogger(SharedServer.class);

    private SharedServer() {
    }

    /** The two ways to start a server of one kind. */
    interface Starts<S> {

        S container();

        S embedded() throws IOException;
    }

    static <S> S start(String kind, ServerMode mode, Starts<S> starts, Function<S, String> address) {
        long started = System.nanoTime();
        S server;
        try {
            server = switch (mode) {
                case DOCKER -> starts.container();
                case EMBEDDED -> starts.embedded();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded " + kind, e);
        }
        log.info("test {} ({}) on {} ready in {} ms", kind, mode, address.apply(server),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /** {@code server}, stopped when the JVM exits. */
    static <C extends AutoCloseable> C stoppedAtExit(C server, String kind) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.debug("stopping the test {} failed: {}", kind, e.toString());
            }
        }, "test-" + kind + "-stop"));
        return server;
    }
}
