package com.mmorpg.auth.account;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each account's last {@link #KEPT} logins (when, from which address): what support staff look at first. */
@Component
class LoginHistory {

    static final int KEPT = 20;

    private final JdbcClient jdbc;

    LoginHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long accountId, String address) {
        jdbc.sql("INSERT INTO account_logins (account_id, address) VALUES (?, ?)")
                .params(accountId, address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address)
                .update();
        jdbc.sql("""
                        DELETE FROM account_logins WHERE account_id = ? AND id NOT IN
                            (SELECT id FROM account_logins WHERE account_id = ? ORDER BY id DESC LIMIT ?)""")
                .params(accountId, accountId, KEPT)
                .update();
    }

    List<AccountLogin> latest(long accountId) {
        return jdbc.sql("SELECT at, address FROM account_logins WHERE account_id = ? ORDER BY id DESC LIMIT ?")
                .params(accountId, KEPT)
                .query((row, number) -> new AccountLogin(row.getTimestamp("at").toInstant(), row.getString("address")))
                .list();
    }
}
