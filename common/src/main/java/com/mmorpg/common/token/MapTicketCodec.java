package com.mmorpg.common.token;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.security.SignatureException;
import com.mmorpg.common.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The map ticket: what the gateway hands a player to present to one map server. A JWT signed
 * HS256 with {@code TICKET_SECRET} (never {@code JWT_SECRET}): {@code aud} = the map server's id,
 * {@code sub} = the character id, claims {@code uid} (account), {@code map}, a random {@code jti},
 * and a short life (30 s). The map server verifies it with {@link #verify} and refuses a
 * {@code jti} it has seen with a {@link TicketReplayGuard}.
 */
public final class MapTicketCodec {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

    private final SigningKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final List<SecretKey> verifying;

    public MapTicketCodec(SigningKeys keys, Duration ttl, Clock clock) {
        this.keys = keys;
        this.ttl = ttl;
        this.clock = clock;
        this.verifying = keys.verifying();
    }

    public Duration ttl() {
        return ttl;
    }

    /** A ticket tied to no login session (tools and tests): only account-wide ends (a ban) remove its player. */
    public MapTicket issue(String serverId, String characterId, String userId, int mapId) {
        return issue(serverId, characterId, userId, mapId, null);
    }

    /**
     * @param sessionId the login session ({@code sid} of the access token) the player entered with; when it
     *     ends (logout, refresh-token reuse, revocation) the map server removes the player
     */
    public MapTicket issue(String serverId, String characterId, String userId, int mapId, String sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        String token = Jwts.builder()
                .audience().add(serverId).and()
                .subject(characterId)
                .claim("uid", userId)
                .claim("map", mapId)
                .claim("sid", sessionId)
                .id(jti)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(keys.signing(), Jwts.SIG.HS256)
                .compact();
        return new MapTicket(token, serverId, characterId, userId, mapId, jti, expires, sessionId);
    }

    /**
     * The ticket's claims when it is signed with a current or previous ticket secret, unexpired,
     * addressed to {@code serverId} and for {@code mapId}. Single use is the caller's to enforce.
     */
    public MapTicket verify(String token, String serverId, int mapId) throws InvalidTokenException {
        if (token == null || token.isBlank() || token.length() > 4096) {
            throw new InvalidTokenException(Reason.MALFORMED, "missing or oversized ticket");
        }
        InvalidTokenException last = null;
        for (SecretKey key : verifying) {
            JwtParser parser = Jwts.parser()
                    .verifyWith(key)
                    .requireAudience(serverId)
                    .clock(() -> Date.from(clock.instant()))
                    .clockSkewSeconds(CLOCK_SKEW.toSeconds())
                    .build();
            try {
                return fromClaims(token, parser.parseSignedClaims(token).getPayload(), serverId, mapId);
            } catch (SignatureException e) {
                last = new InvalidTokenException(Reason.BAD_SIGNATURE, "bad signature", e);
            } catch (ExpiredJwtException e) {
                throw new InvalidTokenException(Reason.EXPIRED, "expired", e);
            } catch (IncorrectClaimException | MissingClaimException e) {
                throw new InvalidTokenException(Reason.WRONG_AUDIENCE, "wrong audience", e);
            } catch (JwtException | IllegalArgumentException e) {
                throw new InvalidTokenException(Reason.MALFORMED, "malformed or unsigned ticket", e);
            }
        }
        throw last;
    }

    private static MapTicket fromClaims(String token, Claims claims, String serverId, int mapId) throws InvalidTokenException {
        Object map = claims.get("map");
        if (!(map instanceof Number number) || number.intValue() != mapId) {
            throw new InvalidTokenException(Reason.WRONG_MAP, "wrong map");
        }
        Object uid = claims.get("uid");
        if (!(uid instanceof String userId) || claims.getSubject() == null || claims.getId() == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "missing claims");
        }
        Object sid = claims.get("sid");
        if (sid != null && !(sid instanceof String)) {
            throw new InvalidTokenException(Reason.MALFORMED, "malformed session claim");
        }
        return new MapTicket(token, serverId, claims.getSubject(), userId, mapId, claims.getId(),
                claims.getExpiration().toInstant(), (String) sid);
    }

    /** A ticket and what it grants; {@code sessionId} null when it is tied to no login session. */
    public record MapTicket(String token, String serverId, String characterId, String userId, int mapId, String jti,
            Instant expiresAt, String sessionId) {
    }

}
