package com.mmorpg.gateway.connection;

import com.mmorpg.common.session.RevocationLookup;
import com.mmorpg.common.token.AccessTokenCodec.AccessToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an access token's session was revoked (logout, refresh-token reuse, session limit, ban):
 * auth-service remembers revocations in Redis for one access-token lifetime, so a token that is
 * still valid by its signature and expiry is refused at connect and at {@code reauth}. Live sockets
 * learn of revocations from {@link SessionNotices}. Without Redis a token is taken (it still runs
 * out within its lifetime); see {@link RevocationLookup}. Failed and skipped lookups are counted
 * ({@code gateway.revocations.lookup_failed}, {@code .lookup_skipped}).
 */
@Component
class Revocations {

    private final RevocationLookup lookup;

    Revocations(StringRedisTemplate redis, MeterRegistry meters) {
        this.lookup = new RevocationLookup(keys -> redis.opsForValue().multiGet(keys), outcome -> meters.counter(
                "gateway.revocations.lookup_" + outcome.name().toLowerCase(Locale.ROOT)).increment());
    }

    boolean isRevoked(AccessToken token) {
        return lookup.isRevoked(token.userId(), token.sessionId(), token.issuedAt());
    }
}
