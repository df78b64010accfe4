package com.mmorpg.auth.account;

import com.mmorpg.auth.token.SessionRevocations;
import com.mmorpg.auth.token.SessionTokens;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.service.logging.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account bans. A ban ends every session of the account at once: its refresh tokens are revoked
 * and every gateway closes its live sockets within a second ({@link SessionRevocations}); login is
 * refused until the ban ends (after the password was checked, so a ban reveals nothing to a guesser).
 */
@Service
class AccountBans {

    private static final Logger log = LoggerFactory.getLogger(AccountBans.class);

    private final JdbcClient jdbc;
    private final SessionTokens sessions;
    private final SessionRevocations revocations;
    private final MeterRegistry meters;

    AccountBans(JdbcClient jdbc, SessionTokens sessions, SessionRevocations revocations, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.revocations = revocations;
        this.meters = meters;
    }

    /** @param duration how long; null for good */
    @Transactional
    AccountBan ban(long accountId, String reason, Duration duration) {
        Instant until = duration == null ? null : Instant.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
        int updated = jdbc.sql("UPDATE accounts SET banned_until = COALESCE(?, 'infinity'::timestamptz), ban_reason = ? WHERE id = ?")
                .params(until == null ? null : Timestamp.from(until), reason, accountId)
                .update();
        if (updated == 0) {
            throw new AccountNotFoundException();
        }
        int revoked = sessions.endAllSessions(accountId, SessionRevocations.BAN);
        meters.counter("auth.bans", "action", "ban").increment();
        log.atInfo().addKeyValue("user_id", accountId).log("Account banned user={} until={} reason={} revoked_tokens={}",
                accountId, until == null ? "forever" : until, LogSafe.text(reason, 200), revoked);
        return new AccountBan(until, reason);
    }

    @Transactional
    void lift(long accountId) {
        int updated = jdbc.sql("UPDATE accounts SET banned_until = NULL, ban_reason = NULL WHERE id = ?").param(accountId).update();
        if (updated == 0) {
            throw new AccountNotFoundException();
        }
        revocations.clearAll(accountId);
        meters.counter("auth.bans", "action", "lift").increment();
        log.atInfo().addKeyValue("user_id", accountId).log("Account ban lifted user={}", accountId);
    }

    /** The ban in force on the account, if any. */
    Optional<AccountBan> current(long accountId) {
        return jdbc.sql("SELECT banned_until, ban_reason FROM accounts WHERE id = ? AND banned_until > now()")
                .param(accountId)
                .query((row, number) -> {
                    Timestamp until = row.getTimestamp("banned_until");
                    // 'infinity' arrives as a far-future timestamp
                    boolean forever = until.toInstant().isAfter(Instant.parse("9999-01-01T00:00:00Z"));
                    return new AccountBan(forever ? null : until.toInstant(), row.getString("ban_reason"));
                })
                .optional();
    }

    static final class AccountBannedException extends ApiException {
        AccountBannedException(AccountBan ban) {
            super(HttpStatus.FORBIDDEN, "ACCOUNT_BANNED", "This account is banned.");
            property("banned_until", ban.until() == null ? null : ban.until().toString());
        }
    }
}
