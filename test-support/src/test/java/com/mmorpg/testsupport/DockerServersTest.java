package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The Testcontainers path. Runs wherever a Docker engine answers; skipped, saying so, elsewhere. */
class DockerServersTest {

    @Test
    void postgresContainerIsRealPostgres17() throws Exception {
        assumeTrue(ServerMode.dockerAvailable(), "no Docker engine reachable: the container path cannot run here");

        TestPostgres.Server server = TestPostgres.start(ServerMode.DOCKER);

        try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isBetween(170_000, 179_999);
        }
    }

    @Test
    void redisContainerHasEnoughLogicalDatabases() {
        assumeTrue(ServerMode.dockerAvailable(), "no Docker engine reachable: the container path cannot run here");

        TestRedis.Server server = TestRedis.start(ServerMode.DOCKER);

        RedisClient client = RedisClient.create("redis://" + server.host() + ":" + server.port() + "/" + (TestRedis.DATABASES - 1));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }
}
