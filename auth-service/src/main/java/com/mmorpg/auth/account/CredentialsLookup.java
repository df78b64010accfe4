package com.mmorpg.auth.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The login's one read: id and hash by username, as plain SQL on the lower(username) index. Login
 * throughput should be bounded by bcrypt alone; going through Hibernate here cost a measurable
 * share of the CPU the bcrypt workers need (see BENCHMARKS.md).
 */
@Component
class CredentialsLookup {

    /** @param banned whether a ban is in force (its details: {@link AccountBans#current}) */
    record Credentials(long accountId, String passwordHash, boolean banned) {
    }

    private final JdbcClient jdbc;

    CredentialsLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Credentials> find(String username) {
        return jdbc.sql("SELECT id, password_hash, COALESCE(banned_until > now(), false) AS banned FROM accounts WHERE lower(username) = lower(?)")
                .param(username)
                .query((row, number) -> new Credentials(row.getLong("id"), row.getString("password_hash"), row.getBoolean("banned")))
                .optional();
    }
}
