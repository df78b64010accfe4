package com.mmorpg.auth.account;

import com.mmorpg.auth.account.CredentialsLookup.Credentials;
import com.mmorpg.auth.ratelimit.ClientAddress;
import com.mmorpg.auth.ratelimit.LoginGuard;
import com.mmorpg.auth.token.SessionTokens;
import com.mmorpg.auth.token.TokenPair;
import com.mmorpg.service.logging.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration and login. bcrypt runs outside any database transaction, so a slow hash never
 * holds a pooled connection.
 */
@Service
class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final CredentialsLookup credentials;
    private final PasswordHasher passwords;
    private final SessionTokens sessions;
    private final LoginGuard guard;
    private final AccountBans bans;
    private final LoginHistory logins;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    AccountService(AccountRepository accounts, CredentialsLookup credentials, PasswordHasher passwords, SessionTokens sessions, LoginGuard guard,
            AccountBans bans, LoginHistory logins, TransactionTemplate transaction, MeterRegistry meters) {
        this.bans = bans;
        this.logins = logins;
        this.accounts = accounts;
        this.credentials = credentials;
        this.passwords = passwords;
        this.sessions = sessions;
        this.guard = guard;
        this.transaction = transaction;
        this.meters = meters;
    }

    TokenPair register(String username, String password, String clientIp) {
        String address = ClientAddress.key(clientIp);
        guard.admitRegistration(address);
        if (accounts.existsByUsername(username)) {
            meters.counter("auth.register", "outcome", "taken").increment();
            throw new UsernameTakenException();
        }
        String hash = passwords.hash(password, guard.queueShare(address));
        TokenPair tokens;
        try {
            tokens = transaction.execute(status -> {
                Account account = accounts.saveAndFlush(new Account(username, hash, Instant.now()));
                return sessions.startSession(account.getId());
            });
        } catch (DataIntegrityViolationException e) {
            // Lost a race with a concurrent registration of the same name.
            meters.counter("auth.register", "outcome", "taken").increment();
            throw new UsernameTakenException();
        }
        meters.counter("auth.register", "outcome", "created").increment();
        // ids also as key-value pairs: fields of their own with LOG_FORMAT=json
        log.atInfo().addKeyValue("user_id", tokens.accountId())
                .log("Account registered user={} username={} ip={}", tokens.accountId(), LogSafe.text(username, 20), clientIp);
        return tokens;
    }

    TokenPair login(String username, String password, String clientIp) {
        String address = ClientAddress.key(clientIp);
        guard.admitLogin(address);
        LoginGuard.Attempt attempt = guard.beginAttempt(username, address);
        Optional<Credentials> account;
        boolean matched;
        try {
            account = RegisterRequest.USERNAME.matcher(username).matches() ? credentials.find(username) : Optional.empty();
            matched = passwords.matches(password, account.map(Credentials::passwordHash).orElse(null),
                    guard.queueShare(address));
        } catch (RuntimeException e) {
            guard.abandoned(attempt); // not a guess that was checked: busy, or the database away
            throw e;
        }
        if (!matched) {
            Duration delay = guard.failed(attempt);
            meters.counter("auth.login", "outcome", "failed").increment();
            log.info("Login failed username={} ip={}", LogSafe.text(username, 20), clientIp);
            holdBack(delay);
            throw new InvalidCredentialsException();
        }
        guard.succeeded(attempt);
        Optional<AccountBan> ban = account.get().banned() ? bans.current(account.get().accountId()) : Optional.empty();
        if (ban.isPresent()) {
            meters.counter("auth.login", "outcome", "banned").increment();
            log.atInfo().addKeyValue("user_id", account.get().accountId())
                    .log("Login refused user={} ip={}: banned", account.get().accountId(), clientIp);
            throw new AccountBans.AccountBannedException(ban.get());
        }
        TokenPair tokens = sessions.startSession(account.get().accountId());
        logins.record(tokens.accountId(), clientIp);
        meters.counter("auth.login", "outcome", "succeeded").increment();
        log.atInfo().addKeyValue("user_id", tokens.accountId()).log("Login user={} ip={}", tokens.accountId(), clientIp);
        return tokens;
    }

    /** Holds a failed answer back (requests run on virtual threads, so this costs no platform thread). */
    private static void holdBack(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
