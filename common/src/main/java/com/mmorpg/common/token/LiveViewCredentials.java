package com.mmorpg.common.token;

import com.mmorpg.common.token.InvalidTokenException.Reason;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.security.SignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential world-directory shows a map server's ops port to fetch the console's live map
 * ({@code /view/...}) for a staff viewer: a JWT signed HS256, {@code aud} = that map server's id,
 * {@code scope} = {@value #SCOPE}, alive {@link #TTL}. It can read one server's live map for a
 * minute and nothing else, so the master {@code X-Internal-Key} (which bans, writes characters and
 * registers map servers) never travels to ops ports, several times a second per viewer, over plain
 * HTTP.
 *
 * <p>Signed with a key derived from {@code INTERNAL_API_KEY} (HMAC-SHA256 of a fixed label), the one
 * secret both sides already hold: no new secret to deploy, and neither the key nor anything that
 * verifies other tokens is on the wire.
 */
public final class LiveViewCredentials {

    public static final String SCOPE = "live-map:read";
    public static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);
    private static final String LABEL = "mmo live-map view credential v1";

    private final SecretKey key;
    private final Clock clock;

    public LiveViewCredentials(String internalApiKey, Clock clock) {
        this.key = derive(internalApiKey);
        this.clock = clock;
    }

    private static SecretKey derive(String internalApiKey) {
        if (internalApiKey == null || internalApiKey.isEmpty()) {
            throw new WeakSecretException("INTERNAL_API_KEY is not set");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(internalApiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A credential to read {@code serverId}'s live map for {@link #TTL}. */
    public String issue(String serverId) {
        Instant now = clock.instant();
        return Jwts.builder()
                .audience().add(serverId).and()
                .claim("scope", SCOPE)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(TTL)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** Accepts a credential signed with this key, unexpired, for {@code serverId} and the live-map scope. */
    public void verify(String token, String serverId) throws InvalidTokenException {
        if (token == null || token.isBlank() || token.length() > 2048) {
            throw new InvalidTokenException(Reason.MALFORMED, "missing or oversized credential");
        }
        Claims claims;
        try {
            claims = Jwts.parser()
                    .verifyWith(key)
                    .requireAudience(serverId)
                    .clock(() -> Date.from(clock.instant()))
                    .clockSkewSeconds(CLOCK_SKEW.toSeconds())
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
        } catch (SignatureException e) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "bad signature", e);
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException(Reason.EXPIRED, "expired", e);
        } catch (IncorrectClaimException | MissingClaimException e) {
            throw new InvalidTokenException(Reason.WRONG_AUDIENCE, "wrong audience", e);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "malformed or unsigned credential", e);
        }
        if (!SCOPE.equals(claims.get("scope")) || claims.getExpiration() == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "not a live-map credential");
        }
        // Whoever holds the key could mint one for a year: none is good for longer than this class gives.
        if (claims.getExpiration().toInstant().isAfter(clock.instant().plus(TTL).plus(CLOCK_SKEW))) {
            throw new InvalidTokenException(Reason.MALFORMED, "a live-map credential for longer than " + TTL);
        }
    }
}
