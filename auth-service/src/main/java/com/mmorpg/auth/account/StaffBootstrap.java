package com.mmorpg.auth.account;

import com.mmorpg.common.token.Role;
import com.mmorpg.service.config.UnusableConfigurationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first admin, from configuration ({@code ADMIN_USERNAME} and {@code ADMIN_PASSWORD} or
 * {@code ADMIN_PASSWORD_FILE}), made at start-up: created when no account has that name. It never
 * hands the role to somebody else's account: an existing account that is not an admin stops the
 * service with a clear message, unless {@code ADMIN_PASSWORD} is that account's password (its owner
 * is the operator) and the bootstrap never made it admin before. The account it made admin is
 * marked ({@code admin_bootstrapped_at}), so one demoted later stays demoted across restarts. More
 * staff are granted roles in the console. A name that is not a valid username, or a password
 * shorter than {@link #MIN_PASSWORD_CHARS}, stops the service instead of making a weak admin.
 */
@Component
class StaffBootstrap implements ApplicationRunner {

    static final int MIN_PASSWORD_CHARS = 12;
    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);

    private final String username;
    private final String password;
    private final PasswordHasher passwords;
    private final JdbcClient jdbc;

    private record Existing(long id, String role, String passwordHash, boolean bootstrapped) {
    }

    StaffBootstrap(@Value("${ADMIN_USERNAME:}") String username, @Value("${ADMIN_PASSWORD:}") String password,
            PasswordHasher passwords, JdbcClient jdbc) {
        this.username = username.strip();
        this.password = password;
        this.passwords = passwords;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isEmpty()) {
            return;
        }
        if (!RegisterRequest.USERNAME.matcher(username).matches()) {
            throw new UnusableConfigurationException("ADMIN_USERNAME must be 3-20 letters, digits or _");
        }
        if (!password.isEmpty() && password.length() < MIN_PASSWORD_CHARS) {
            throw new UnusableConfigurationException("ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_CHARS + " characters");
        }
        Optional<Existing> existing = jdbc.sql("""
                        SELECT id, role, password_hash, admin_bootstrapped_at IS NOT NULL AS bootstrapped FROM accounts
                        WHERE lower(username) = lower(?)""").param(username)
                .query((row, n) -> new Existing(row.getLong("id"), row.getString("role"), row.getString("password_hash"),
                        row.getBoolean("bootstrapped")))
                .optional();
        if (existing.isPresent()) {
            keep(existing.get());
            return;
        }
        if (password.isEmpty()) {
            throw new UnusableConfigurationException("ADMIN_USERNAME names no account yet: ADMIN_PASSWORD or "
                    + "ADMIN_PASSWORD_FILE is needed to create it");
        }
        // Concurrent replicas: the unique index on lower(username) lets one insert win; the others see it.
        int created = jdbc.sql("""
                        INSERT INTO accounts (username, password_hash, created_at, role, admin_bootstrapped_at)
                        VALUES (?, ?, ?, ?, now())
                        ON CONFLICT DO NOTHING""")
                .params(username, passwords.hash(password, "staff-bootstrap"), Timestamp.from(Instant.now()),
                        Role.ADMIN.wireName())
                .update();
        log.info("Admin account from ADMIN_USERNAME username={} {}", username, created > 0 ? "created" : "made by another replica");
    }

    /** ADMIN_USERNAME names an account already: it stays as it is, or is promoted only when its owner is the operator. */
    private void keep(Existing account) {
        if (Role.ADMIN.wireName().equals(account.role())) {
            // Marked now (an admin made before the mark existed too), so a later demotion sticks.
            jdbc.sql("UPDATE accounts SET admin_bootstrapped_at = now() WHERE id = ? AND admin_bootstrapped_at IS NULL")
                    .param(account.id()).update();
            log.atInfo().addKeyValue("user_id", account.id()).log("Admin account from ADMIN_USERNAME user={} already admin",
                    account.id());
            return;
        }
        if (account.bootstrapped()) {
            log.atWarn().addKeyValue("user_id", account.id()).log("Admin account from ADMIN_USERNAME user={} was demoted to "
                    + "{} since; it stays {} (an admin grants the role again in the console)", account.id(), account.role(),
                    account.role());
            return;
        }
        if (password.isEmpty() || !passwords.matches(password, account.passwordHash(), "staff-bootstrap")) {
            throw new UnusableConfigurationException("ADMIN_USERNAME '" + username + "' names an existing " + account.role()
                    + " account that is not an admin, and ADMIN_PASSWORD is not its password: the start-up does not make "
                    + "somebody else's account admin. Choose another ADMIN_USERNAME (it is created), or grant the role in "
                    + "the console");
        }
        int promoted = jdbc.sql("""
                        UPDATE accounts SET role = ?, admin_bootstrapped_at = now()
                        WHERE id = ? AND admin_bootstrapped_at IS NULL""")
                .params(Role.ADMIN.wireName(), account.id()).update();
        log.atInfo().addKeyValue("user_id", account.id()).log("Admin account from ADMIN_USERNAME user={} {}", account.id(),
                promoted > 0 ? "promoted to admin: ADMIN_PASSWORD is its password" : "promoted by another replica");
    }
}
