package com.mmorpg.auth.account;

import com.mmorpg.common.token.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The accounts feature as other features see it (support staff above all): who an account is, its role, its
 * ban and its logins, and the few changes made to them from outside. The {@code accounts} and
 * {@code account_logins} tables are read and written here and in this package only.
 */
@Service
public class Accounts {

    /** An account's row: its name, its stored role ({@code player}, {@code gm}, {@code admin}) and since when. */
    public record Profile(long id, String username, String role, Instant createdAt) {
    }

    /** Logins in the last minute and hour, registrations in the last hour. */
    public record Activity(long loginsLastMinute, long loginsLastHour, long registrationsLastHour) {
    }

    private final JdbcClient jdbc;
    private final AccountBans bans;
    private final LoginHistory logins;

    Accounts(JdbcClient jdbc, AccountBans bans, LoginHistory logins) {
        this.jdbc = jdbc;
        this.bans = bans;
        this.logins = logins;
    }

    /**
     * The ids (ascending, at most {@code limit}) of the accounts named {@code username} (case-insensitive) or
     * listed in {@code orIds}.
     */
    public List<Long> named(String username, Collection<Long> orIds, int limit) {
        return jdbc.sql("""
                        SELECT id FROM accounts
                        WHERE lower(username) = lower(?) OR id = ANY(?)
                        ORDER BY id LIMIT ?""")
                .params(username, orIds.toArray(Long[]::new), limit)
                .query(Long.class)
                .list();
    }

    /** The account's row; {@link AccountNotFoundException} without one. */
    public Profile profile(long accountId) {
        return jdbc.sql("SELECT username, role, created_at FROM accounts WHERE id = ?").param(accountId)
                .query((row, number) -> new Profile(accountId, row.getString("username"), row.getString("role"),
                        row.getTimestamp("created_at").toInstant()))
                .optional()
                .orElseThrow(AccountNotFoundException::new);
    }

    /**
     * The stored role of an account, its row locked for the caller's transaction (so no role change
     * slips between a check and the action); empty when there is no such account.
     */
    public Optional<Role> lockedRole(long accountId) {
        return jdbc.sql("SELECT role FROM accounts WHERE id = ? FOR UPDATE").param(accountId).query(String.class).optional()
                .map(role -> Role.of(role).orElse(Role.PLAYER));
    }

    /** Stores the account's new role ({@code player}, {@code gm} or {@code admin}). */
    public void changeRole(long accountId, String role) {
        jdbc.sql("UPDATE accounts SET role = ? WHERE id = ?").params(role, accountId).update();
    }

    /** Bans the account (null {@code duration}: for good); every session of it ends. */
    public AccountBan ban(long accountId, String reason, Duration duration) {
        return bans.ban(accountId, reason, duration);
    }

    /** Lifts the account's ban. */
    public void lift(long accountId) {
        bans.lift(accountId);
    }

    /** The ban in force on the account, if any. */
    public Optional<AccountBan> ban(long accountId) {
        return bans.current(accountId);
    }

    /** The account's latest logins, newest first. */
    public List<AccountLogin> latestLogins(long accountId) {
        return logins.latest(accountId);
    }

    /** Logins and registrations lately, for the console's figures. */
    public Activity activity() {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM account_logins WHERE at > now() - interval '1 minute') AS minute,
                               (SELECT count(*) FROM account_logins WHERE at > now() - interval '1 hour') AS hour,
                               (SELECT count(*) FROM accounts WHERE created_at > now() - interval '1 hour') AS registered""")
                .query((row, number) -> new Activity(row.getLong("minute"), row.getLong("hour"), row.getLong("registered")))
                .single();
    }
}
