package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void seedFormMovesCredentialsOutOfTheUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://mmo:p%40ss:word@db:5433/mmorpg?schema=game&sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/mmorpg?currentSchema=game&sslmode=require");
        assertThat(url.username()).isEqualTo("mmo");
        assertThat(url.password()).isEqualTo("p@ss:word");
    }

    @Test
    void postgresSchemeWithoutPasswordOrPort() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://admin@localhost/game");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/game");
        assertThat(url.username()).isEqualTo("admin");
        assertThat(url.password()).isNull();
    }

    @Test
    void jdbcFormPassesThroughUntouched() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/mmorpg?user=a&password=b");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/mmorpg?user=a&password=b");
        assertThat(url.username()).isNull();
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:topsecret@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalHostsForFailOverStayInTheJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://mmo:p%40ss@db1:5432,db2:5433/mmorpg?target_session_attrs=read-write");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5433/mmorpg?target_session_attrs=read-write");
        assertThat(url.username()).isEqualTo("mmo");
        assertThat(url.password()).isEqualTo("p@ss");
    }
}
