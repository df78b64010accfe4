package com.mmorpg.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One freshly created, empty database on the shared test server, owned by one test class. */
public record PostgresDatabase(String name, String host, int port, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The seed's {@code DATABASE_URL} form: {@code postgresql://user:pass@host:port/db}. */
    public String url() {
        return "postgresql://" + username + ":" + password + "@" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username, password);
    }
}
