package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void serverIsRealPostgres17() throws SQLException {
        PostgresDatabase database = TestPostgres.newDatabase();

        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isBetween(170_000, 179_999);
        }
    }

    @Test
    void eachCallGetsAnIsolatedEmptyDatabase() throws SQLException {
        PostgresDatabase first = TestPostgres.newDatabase();
        PostgresDatabase second = TestPostgres.newDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, username text)");
            statement.execute("INSERT INTO accounts VALUES (1, 'alice')");
        }
        try (Connection connection = second.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM accounts"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("accounts");
        }
    }

    @Test
    void modeMatchesWhatThisMachineOffers() {
        ServerMode expected = ServerMode.decide(ServerMode.requested(), ServerMode::dockerAvailable);

        assertThat(TestPostgres.mode()).isEqualTo(expected);
    }
}
