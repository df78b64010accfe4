package com.mmorpg.common.token;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import com.mmorpg.common.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The player's access token: a JWT signed HS256 with {@code JWT_SECRET}, claims {@code userId}
 * (string, the seed's claim), {@code sub} (same), {@code sid} (the login session, i.e. the refresh
 * token family, that a revocation names), {@code role} (staff only, see {@link Role}), {@code jti},
 * {@code iat}, {@code exp}. Issued by
 * auth-service, verified by auth-service and the gateway. Unsigned ({@code alg:none}) and other
 * algorithms' tokens are refused.
 */
public final class AccessTokenCodec {

    public static final String USER_ID_CLAIM = "userId";
    public static final String SESSION_CLAIM = "sid";
    /** The account's {@link Role} when the token was issued; absent (tokens of players, older tokens): {@code player}. */
    public static final String ROLE_CLAIM = "role";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final SigningKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final List<JwtParser> parsers;

    public AccessTokenCodec(SigningKeys keys, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("access token lifetime must be positive");
        }
        this.keys = keys;
        this.ttl = ttl;
        this.clock = clock;
        List<JwtParser> built = new ArrayList<>();
        for (SecretKey key : keys.verifying()) {
            built.add(Jwts.parser()
                    .verifyWith(key)
                    .clock(() -> Date.from(clock.instant()))
                    .clockSkewSeconds(CLOCK_SKEW.toSeconds())
                    .build());
        }
        this.parsers = List.copyOf(built);
    }

    public Duration ttl() {
        return ttl;
    }

    public AccessToken issue(String userId) {
        return issue(userId, null);
    }

    /** @param sessionId the login session the token belongs to, or null */
    public AccessToken issue(String userId, String sessionId) {
        return issue(userId, sessionId, Role.PLAYER);
    }

    /** A token of an account with {@code role} ({@code player} tokens carry no role claim). */
    public AccessToken issue(String userId, String sessionId, Role role) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        var builder = Jwts.builder()
                .subject(userId)
                .claim(USER_ID_CLAIM, userId);
        if (sessionId != null) {
            builder.claim(SESSION_CLAIM, sessionId);
        }
        if (role != Role.PLAYER) {
            builder.claim(ROLE_CLAIM, role.wireName());
        }
        String token = builder
                .id(jti)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(keys.signing(), Jwts.SIG.HS256)
                .compact();
        return new AccessToken(token, userId, sessionId, jti, now, expires, role);
    }

    /** The token's claims when it is well-formed, signed by a current or previous key and not expired. */
    public AccessToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException(Reason.MALFORMED, "missing token");
        }
        if (token.length() > 4096) {
            throw new InvalidTokenException(Reason.MALFORMED, "token too long");
        }
        InvalidTokenException last = null;
        for (JwtParser parser : parsers) {
            try {
                Claims claims = parser.parseSignedClaims(token).getPayload();
                return fromClaims(claims);
            } catch (SignatureException e) {
                last = new InvalidTokenException(Reason.BAD_SIGNATURE, "bad signature", e);
            } catch (ExpiredJwtException e) {
                throw new InvalidTokenException(Reason.EXPIRED, "expired", e);
            } catch (JwtException | IllegalArgumentException e) {
                throw new InvalidTokenException(Reason.MALFORMED, "malformed or unsigned token", e);
            }
        }
        throw last;
    }

    private static AccessToken fromClaims(Claims claims) throws InvalidTokenException {
        Object userId = claims.get(USER_ID_CLAIM);
        if (!(userId instanceof String id) || id.isBlank()) {
            throw new InvalidTokenException(Reason.MALFORMED, "no userId claim");
        }
        if (claims.getIssuedAt() == null || claims.getExpiration() == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "no iat/exp");
        }
        Object session = claims.get(SESSION_CLAIM);
        Object roleClaim = claims.get(ROLE_CLAIM);
        Role role = roleClaim == null ? Role.PLAYER : roleClaim instanceof String name ? Role.of(name).orElse(null) : null;
        if (role == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "unknown role");
        }
        return new AccessToken(null, id, session instanceof String sid ? sid : null, claims.getId(),
                claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant(), role);
    }

    /**
     * An access token and what it says. {@code token} is null for a verified (parsed) token;
     * {@code sessionId} is null for a token issued without one.
     */
    public record AccessToken(String token, String userId, String sessionId, String jti, Instant issuedAt,
            Instant expiresAt, Role role) {
    }
}
