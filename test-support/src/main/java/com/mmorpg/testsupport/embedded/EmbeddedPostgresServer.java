package com.mmorpg.testsupport.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server from zonky's embedded binaries: ephemeral for tests (fresh cluster
 * in a temporary folder, any free port) or persistent for the dev launcher (a data folder that
 * survives restarts). As root, zonky runs initdb and postgres under {@code unshare -U}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser initdb creates; the cluster trusts local connections, any password works. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away cluster on a free port, removed when closed. */
    public static EmbeddedPostgresServer startEphemeral() throws IOException {
        return new EmbeddedPostgresServer(tuned(EmbeddedPostgres.builder())
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start());
    }

    /** A cluster kept in {@code dataDirectory} (created on first start, reused after), on {@code port}. */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        return new EmbeddedPostgresServer(tuned(EmbeddedPostgres.builder())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start());
    }

    private static EmbeddedPostgres.Builder tuned(EmbeddedPostgres.Builder builder) {
        return builder
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "localhost");
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("unsafe database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
                log.info("created database {}", database);
            }
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL on port {} did not stop cleanly: {}", port(), e.toString());
        }
    }
}
