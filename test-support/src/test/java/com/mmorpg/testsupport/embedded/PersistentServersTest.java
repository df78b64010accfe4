package com.mmorpg.testsupport.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dev launcher promises: data kept in its folder survives a restart of the servers. */
class PersistentServersTest {

    @TempDir
    Path dataDir;

    @Test
    void postgresKeepsRowsAcrossRestart() throws Exception {
        Path folder = dataDir.resolve("postgres");
        int port = EmbeddedRedisServer.freePort();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(folder, port)) {
            postgres.ensureDatabase("mmorpg");
            postgres.ensureDatabase("mmorpg"); // idempotent
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("mmorpg"), "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE accounts (username text PRIMARY KEY)");
                statement.execute("INSERT INTO accounts VALUES ('alice')");
            }
        }

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(folder, port);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("mmorpg"), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT username FROM accounts")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
        }
    }

    @Test
    void redisKeepsKeysAcrossRestart() throws Exception {
        Path folder = dataDir.resolve("redis");
        int port = EmbeddedRedisServer.freePort();
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.startPersistent(folder, port)) {
            run(port, commands -> commands.set("session:42", "gateway-1"));
        }

        try (EmbeddedRedisServer redis = EmbeddedRedisServer.startPersistent(folder, port)) {
            run(port, commands -> assertThat(commands.get("session:42")).isEqualTo("gateway-1"));
        }
    }

    private static void run(int port, java.util.function.Consumer<io.lettuce.core.api.sync.RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
