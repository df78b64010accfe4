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
 * {@code ADMIN_PASSWORD_FILE}), made at start-up: created when no account has that name, promoted
 * to {@code admin} when one has (its password is then left as it is). More staff are granted roles
 * in the console. A name that is not a valid username, or a password shorter than
 * {@link #MIN_PASSWORD_CHARS}, stops the service instead of making a weak admin.
 */
@Component
class StaffBootstrap implements ApplicationRunner {

    static final int MIN_PASSWORD_CHARS = 12;
    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);

    private final String username;
    private final String password;
    private final PasswordHasher passwords;
    private final JdbcClient jdbc;

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
        Optional<Long> existing = jdbc.sql("SELECT id FROM accounts WHERE lower(username) = lower(?)").param(username)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            int promoted = jdbc.sql("UPDATE accounts SET role = ? WHERE id = ? AND role <> ?")
                    .params(Role.ADMIN.wireName(), existing.get(), Role.ADMIN.wireName()).update();
            log.atInfo().addKeyValue("user_id", existing.get()).log("Admin account from ADMIN_USERNAME user={} {}",
                    existing.get(), promoted > 0 ? "promoted to admin" : "already admin");
            return;
        }
        if (password.isEmpty()) {
            throw new UnusableConfigurationException("ADMIN_USERNAME names no account yet: ADMIN_PASSWORD or "
                    + "ADMIN_PASSWORD_FILE is needed to create it");
        }
        // Concurrent replicas: the unique index on lower(username) lets one insert win; the others see it.
        int created = jdbc.sql("""
                        INSERT INTO accounts (username, password_hash, created_at, role) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(username, passwords.hash(password, "staff-bootstrap"), Timestamp.from(Instant.now()),
                        Role.ADMIN.wireName())
                .update();
        log.info("Admin account from ADMIN_USERNAME username={} {}", username, created > 0 ? "created" : "made by another replica");
    }
}
