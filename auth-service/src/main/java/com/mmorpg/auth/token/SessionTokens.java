package com.mmorpg.auth.token;

import com.mmorpg.common.token.AccessTokenCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access and refresh tokens of player sessions. Refresh tokens are 256-bit random strings, stored
 * as SHA-256 only, rotated on every use; a used token presented again means it leaked, so the
 * whole family (that login's chain of tokens) is revoked.
 */
@Service
public class SessionTokens {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);
    private static final int REFRESH_TOKEN_BYTES = 32;
    private static final int MAX_REFRESH_TOKEN_LENGTH = 128;

    private final AccessTokenCodec accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final JdbcClient jdbc;
    private final Duration refreshTtl;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    SessionTokens(AccessTokenCodec accessTokens, RefreshTokenRepository refreshTokens, JdbcClient jdbc,
            TokenProperties properties, MeterRegistry meters) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.jdbc = jdbc;
        this.refreshTtl = properties.refreshTtl();
        this.clock = Clock.systemUTC();
        this.meters = meters;
    }

    /** A new session (new token family) for an account that just proved who it is. */
    @Transactional
    public TokenPair startSession(long accountId) {
        return issue(accountId, UUID.randomUUID());
    }

    /** Swaps a refresh token for a new pair; reuse of a rotated token revokes its family. */
    @Transactional(noRollbackFor = InvalidRefreshTokenException.class)
    public TokenPair refresh(String presented) {
        RefreshToken token = find(presented);
        Instant now = clock.instant();
        if (token.isRevoked() || token.isExpiredAt(now)) {
            meters.counter("auth.refresh", "outcome", "rejected").increment();
            throw new InvalidRefreshTokenException();
        }
        if (token.wasUsed()) {
            int revoked = refreshTokens.revokeFamily(token.familyId(), now);
            meters.counter("auth.refresh", "outcome", "reuse_detected").increment();
            log.warn("Refresh token reuse detected user={} family={}: revoked {} token(s)", token.accountId(), token.familyId(), revoked);
            throw new InvalidRefreshTokenException();
        }
        token.markUsed(now);
        meters.counter("auth.refresh", "outcome", "rotated").increment();
        return issue(token.accountId(), token.familyId());
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored (nothing to reveal). */
    @Transactional
    public void logout(String presented) {
        if (!plausible(presented)) {
            return;
        }
        refreshTokens.findForUpdate(hash(presented)).ifPresent(token -> {
            refreshTokens.revokeFamily(token.familyId(), clock.instant());
            log.info("Logout user={} family={}", token.accountId(), token.familyId());
        });
    }

    /** Expired tokens are useless; drop them a day after expiry (kept that long for reuse forensics). */
    @Scheduled(fixedDelayString = "${auth.tokens.cleanup-interval:1h}", initialDelayString = "${auth.tokens.cleanup-interval:1h}")
    @Transactional
    public void deleteExpired() {
        int deleted = refreshTokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (deleted > 0) {
            log.info("Deleted {} expired refresh token(s)", deleted);
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

    private TokenPair issue(long accountId, UUID family) {
        Instant now = clock.instant();
        byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
        random.nextBytes(bytes);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Plain SQL: this insert is on every login and refresh, and Hibernate's flush machinery
        // cost more than the statement itself.
        jdbc.sql("INSERT INTO refresh_tokens (account_id, family_id, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, family, hash(refresh), Timestamp.from(now), Timestamp.from(now.plus(refreshTtl)))
                .update();
        AccessTokenCodec.AccessToken access = accessTokens.issue(String.valueOf(accountId));
        return new TokenPair(accountId, access.token(), refresh, accessTokens.ttl().toSeconds());
    }

    private static boolean plausible(String presented) {
        return presented != null && !presented.isBlank() && presented.length() <= MAX_REFRESH_TOKEN_LENGTH;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
