package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Testcontainers path, tagged {@code docker} and left out of the suite (which runs on the embedded
 * servers and cannot install a Docker engine). Where an engine answers:
 * {@code ./mvnw test -pl test-support -Ddocker.excluded= -Dgroups=docker}.
 */
@Tag("docker")
class DockerServersTest {

    @Test
    void postgresContainerIsRealPostgres17() throws Exception {
        assertThat(ServerMode.dockerAvailable()).as("a Docker engine answers").isTrue();

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
        assertThat(ServerMode.dockerAvailable()).as("a Docker engine answers").isTrue();

        TestRedis.Server server = TestRedis.start(ServerMode.DOCKER);

        RedisClient client = RedisClient.create("redis://" + server.host() + ":" + server.port() + "/" + (TestRedis.DATABASES - 1));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }
}
