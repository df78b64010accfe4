package com.mmorpg.auth.token;

import com.mmorpg.auth.ratelimit.LoginGuard;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access and refresh tokens of player sessions. Refresh tokens are 256-bit strings, stored as
 * SHA-256 only, rotated on every use; one login's chain of them is a family, whose id is the
 * session id ({@code sid}) its access tokens carry.
 *
 * <ul>
 *   <li>A used token presented again means it leaked, so the whole family is revoked, and live
 *       sockets of that session are closed ({@link SessionRevocations}). Except: the same token
 *       again within {@code retry-window} while its successor is still unused is a client retrying a
 *       refresh whose answer it lost; it gets the same successor (derived from the token with an
 *       HMAC, so nothing secret is stored) and a fresh access token.</li>
 *   <li>An account keeps at most {@code max-sessions} live families; a new login revokes the oldest.</li>
 *   <li>Used tokens are deleted {@code used-retention} after their use, expired ones a day after expiry.</li>
 * </ul>
 */
@Service
public class SessionTokens {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);
    private static final int REFRESH_TOKEN_BYTES = 32;
    private static final int MAX_REFRESH_TOKEN_LENGTH = 128;

    private final AccessTokenCodec accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final JdbcClient jdbc;
    private final TokenProperties properties;
    private final SessionRevocations revocations;
    private final LoginGuard guard;
    private final SecretKeySpec successorKey;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    SessionTokens(AccessTokenCodec accessTokens, RefreshTokenRepository refreshTokens, JdbcClient jdbc,
            TokenProperties properties, SessionRevocations revocations, LoginGuard guard, MeterRegistry meters) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.jdbc = jdbc;
        this.properties = properties;
        this.revocations = revocations;
        this.guard = guard;
        this.successorKey = new SecretKeySpec(sha256(("refresh-successor:" + properties.jwtSecret())
                .getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        this.clock = Clock.systemUTC();
        this.meters = meters;
    }

    /** A new session (new token family) for an account that just proved who it is. */
    @Transactional
    public TokenPair startSession(long accountId) {
        byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
        random.nextBytes(bytes);
        UUID family = UUID.randomUUID();
        TokenPair pair = issue(accountId, family, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        evictOldestSessions(accountId);
        return pair;
    }

    /** Swaps a refresh token for a new pair; reuse of a rotated token revokes its family. */
    @Transactional(noRollbackFor = InvalidRefreshTokenException.class)
    public TokenPair refresh(String presented) {
        RefreshToken token = find(presented);
        guard.admitRefreshOfFamily(token.familyId().toString());
        Instant now = clock.instant();
        if (token.isRevoked() || token.isExpiredAt(now)) {
            meters.counter("auth.refresh", "outcome", "rejected").increment();
            throw new InvalidRefreshTokenException();
        }
        String successor = successorOf(presented);
        if (token.wasUsed()) {
            Optional<TokenPair> retry = retried(token, successor, now);
            if (retry.isPresent()) {
                meters.counter("auth.refresh", "outcome", "retried").increment();
                return retry.get();
            }
            int revoked = refreshTokens.revokeFamily(token.familyId(), now);
            revocations.revokeSession(token.accountId(), token.familyId().toString(), "reuse");
            meters.counter("auth.refresh", "outcome", "reuse_detected").increment();
            log.warn("Refresh token reuse detected user={} family={}: revoked {} token(s)", token.accountId(), token.familyId(), revoked);
            throw new InvalidRefreshTokenException();
        }
        token.markUsed(now);
        meters.counter("auth.refresh", "outcome", "rotated").increment();
        return issue(token.accountId(), token.familyId(), successor);
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored (nothing to reveal). */
    @Transactional
    public void logout(String presented) {
        if (!plausible(presented)) {
            return;
        }
        refreshTokens.findForUpdate(hash(presented)).ifPresent(token -> {
            refreshTokens.revokeFamily(token.familyId(), clock.instant());
            revocations.revokeSession(token.accountId(), token.familyId().toString(), "logout");
            log.atInfo().addKeyValue("user_id", token.accountId())
                    .log("Logout user={} family={}", token.accountId(), token.familyId());
        });
    }

    /**
     * Ends the login session an access token belongs to (a console's logout, which holds no refresh
     * token): its refresh tokens are revoked and its access tokens refused everywhere. A token issued
     * without a session ends every session of the account.
     */
    @Transactional
    public void endSession(long accountId, String sessionId, String reason) {
        UUID family = null;
        try {
            family = sessionId == null ? null : UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            // not one of ours: end them all
        }
        if (family == null) {
            endAllSessions(accountId, reason);
            return;
        }
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND family_id = ? AND revoked_at IS NULL")
                .params(accountId, family).update();
        revocations.revokeSession(accountId, family.toString(), reason);
        log.atInfo().addKeyValue("user_id", accountId).log("Logout user={} family={}", accountId, family);
    }

    /** Ends every session of the account (a ban): no refresh, and live sockets closed. */
    @Transactional
    public int endAllSessions(long accountId, String reason) {
        int revoked = jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL")
                .param(accountId).update();
        revocations.revokeAll(accountId, reason);
        return revoked;
    }

    /**
     * Drops tokens nobody can use any more: used ones {@code used-retention} after their use (a
     * reuse after that is refused as unknown instead of revoking the family), expired ones a day
     * after expiry (kept that long for reuse forensics).
     */
    @Scheduled(fixedDelayString = "${auth.tokens.cleanup-interval:10m}", initialDelayString = "${auth.tokens.cleanup-interval:10m}")
    @Transactional
    public void deleteExpired() {
        Instant now = clock.instant();
        int expired = refreshTokens.deleteExpiredBefore(now.minus(Duration.ofDays(1)));
        int used = jdbc.sql("DELETE FROM refresh_tokens WHERE used_at < ?")
                .param(Timestamp.from(now.minus(properties.usedRetention()))).update();
        if (expired + used > 0) {
            log.info("Deleted {} expired and {} used refresh token(s)", expired, used);
        }
    }

    /**
     * Whether the login session {@code sessionId} (a refresh-token family) was ended: logged out,
     * revoked on reuse, evicted or ended by a ban. Unknown ids are not ended (a map ticket's session
     * that this service never issued is refused elsewhere: by the ticket's signature).
     */
    public boolean hasEnded(String sessionId) {
        UUID family;
        try {
            family = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return jdbc.sql("SELECT coalesce(bool_or(revoked_at IS NOT NULL), false) FROM refresh_tokens WHERE family_id = ?")
                .param(family).query(Boolean.class).single();
    }

    /** The same successor again when this is a retry of the refresh that just used the token. */
    private Optional<TokenPair> retried(RefreshToken token, String successor, Instant now) {
        if (token.usedAt().plus(properties.retryWindow()).isBefore(now)) {
            return Optional.empty();
        }
        Boolean usable = jdbc.sql("SELECT used_at IS NULL AND revoked_at IS NULL AND expires_at > now() FROM refresh_tokens "
                        + "WHERE token_hash = ? FOR UPDATE")
                .param(hash(successor)).query(Boolean.class).optional().orElse(false);
        if (!usable) {
            return Optional.empty();
        }
        AccessTokenCodec.AccessToken access = accessTokens.issue(String.valueOf(token.accountId()), token.familyId().toString(),
                roleOf(token.accountId()));
        return Optional.of(new TokenPair(token.accountId(), access.token(), successor, accessTokens.ttl().toSeconds()));
    }

    private void evictOldestSessions(long accountId) {
        // The account row lock serialises concurrent logins of one account, so the cap holds.
        jdbc.sql("SELECT id FROM accounts WHERE id = ? FOR UPDATE").param(accountId).query(Long.class).optional();
        List<UUID> evicted = jdbc.sql("""
                        SELECT family_id FROM refresh_tokens
                        WHERE account_id = ? AND revoked_at IS NULL AND used_at IS NULL AND expires_at > now()
                        ORDER BY issued_at DESC, id DESC OFFSET ?""")
                .params(accountId, properties.maxSessions())
                .query(UUID.class).list();
        for (UUID family : evicted) {
            refreshTokens.revokeFamily(family, clock.instant());
            revocations.revokeSession(accountId, family.toString(), "session_limit");
            meters.counter("auth.sessions.evicted").increment();
            log.info("Session evicted user={} family={}: over {} sessions", accountId, family, properties.maxSessions());
        }
    }

    private RefreshToken find(String presented) {
        if (!plausible(presented)) {
            throw new InvalidRefreshTokenException();
        }
        return refreshTokens.findForUpdate(hash(presented)).orElseThrow(() -> {
            meters.counter("auth.refresh", "outcome", "unknown").increment();
            return new InvalidRefreshTokenException();
        });
    }

    private TokenPair issue(long accountId, UUID family, String refresh) {
        Instant now = clock.instant();
        // Plain SQL: this insert is on every login and refresh, and Hibernate's flush machinery
        // cost more than the statement itself.
        jdbc.sql("INSERT INTO refresh_tokens (account_id, family_id, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, family, hash(refresh), Timestamp.from(now), Timestamp.from(now.plus(properties.refreshTtl())))
                .update();
        AccessTokenCodec.AccessToken access = accessTokens.issue(String.valueOf(accountId), family.toString(), roleOf(accountId));
        return new TokenPair(accountId, access.token(), refresh, accessTokens.ttl().toSeconds());
    }

    /** The account's role as stored now: a token carries the role of the moment it was issued. */
    private Role roleOf(long accountId) {
        return jdbc.sql("SELECT role FROM accounts WHERE id = ?").param(accountId).query(String.class).optional()
                .flatMap(Role::of).orElse(Role.PLAYER);
    }

    /** The token that rotating {@code presented} hands out: an HMAC of it, so a retry can hand it out again. */
    private String successorOf(String presented) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(successorKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean plausible(String presented) {
        return presented != null && !presented.isBlank() && presented.length() <= MAX_REFRESH_TOKEN_LENGTH;
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
