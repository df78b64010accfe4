package com.mmorpg.testsupport;

import com.mmorpg.testsupport.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL 17 server of a test JVM, started on first use, and the place that
 * hands every test class a database of its own.
 *
 * <pre>{@code
 * PostgresDatabase db = TestPostgres.newDatabase();   // CREATE DATABASE t_3_...
 * }</pre>
 */
public final class TestPostgres {

    private static final AtomicInteger databases = new AtomicInteger();

    private TestPostgres() {
    }

    /** A new empty database; the server starts on the first call. */
    public static PostgresDatabase newDatabase() {
        Server server = Holder.SERVER;
        String name = "t_" + databases.incrementAndGet() + "_" + Long.toHexString(ProcessHandle.current().pid());
        try (Connection admin = DriverManager.getConnection(server.adminJdbcUrl(), server.username(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new PostgresDatabase(name, server.host(), server.port(), server.username(), server.password());
    }

    /** Which kind of server is running (starting it if needed), for tests and logs. */
    public static ServerMode mode() {
        return Holder.SERVER.mode();
    }

    record Server(ServerMode mode, String host, int port, String username, String password) {
        String adminJdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/postgres";
        }
    }

    /** Lazy, thread-safe start: the JVM initialises this class on first use only. */
    private static final class Holder {
        static final Server SERVER = start(ServerMode.current());
    }

    static Server start(ServerMode mode) {
        return SharedServer.start("PostgreSQL", mode, new SharedServer.Starts<>() {
            @Override
            @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
            public Server container() {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
                container.start();
                return new Server(ServerMode.DOCKER, container.getHost(), container.getMappedPort(5432),
                        container.getUsername(), container.getPassword());
            }

            @Override
            public Server embedded() throws IOException {
                EmbeddedPostgresServer embedded = SharedServer.stoppedAtExit(EmbeddedPostgresServer.startEphemeral(), "postgres");
                return new Server(ServerMode.EMBEDDED, "localhost", embedded.port(), EmbeddedPostgresServer.USER,
                        EmbeddedPostgresServer.PASSWORD);
            }
        }, server -> server.host() + ":" + server.port());
    }
}
