package com.mmorpg.common.token;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class LiveViewCredentialsTest {

    private static final String KEY = "internal-key-0123456789abcdef0123456789";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final LiveViewCredentials credentials = at(KEY, NOW);

    @Test
    void aCredentialReadsItsOwnServersLiveMapForAMinute() {
        String token = credentials.issue("map-server-1");

        assertThatCode(() -> credentials.verify(token, "map-server-1")).doesNotThrowAnyException();
        assertThatCode(() -> at(KEY, NOW.plusSeconds(55)).verify(token, "map-server-1")).doesNotThrowAnyException();
    }

    @Test
    void anotherServersExpiredForgedOrOtherwiseScopedCredentialIsRefused() {
        String token = credentials.issue("map-server-1");

        assertThatThrownBy(() -> credentials.verify(token, "map-server-2")).hasMessage("wrong audience");
        assertThatThrownBy(() -> at(KEY, NOW.plusSeconds(65)).verify(token, "map-server-1")).hasMessage("expired");
        String forged = at("another-internal-key-0123456789abcdef", NOW).issue("map-server-1");
        assertThatThrownBy(() -> credentials.verify(forged, "map-server-1")).hasMessage("bad signature");
        assertThatThrownBy(() -> credentials.verify(KEY, "map-server-1")).as("the master key is no credential")
                .isInstanceOf(InvalidTokenException.class);
        // signed with the internal key itself (not the derived key), or for another scope
        String withMasterKey = Jwts.builder().audience().add("map-server-1").and().claim("scope", LiveViewCredentials.SCOPE)
                .expiration(Date.from(NOW.plusSeconds(60)))
                .signWith(Keys.hmacShaKeyFor(KEY.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256).compact();
        assertThatThrownBy(() -> credentials.verify(withMasterKey, "map-server-1")).hasMessage("bad signature");
        assertThatThrownBy(() -> credentials.verify(null, "map-server-1")).isInstanceOf(InvalidTokenException.class);
        // minted with the right key but good for longer than a minute (here: an hour ahead of the verifier's clock)
        String lasting = at(KEY, NOW.plusSeconds(3_600)).issue("map-server-1");
        assertThatThrownBy(() -> credentials.verify(lasting, "map-server-1")).hasMessageContaining("longer than");
    }

    private static LiveViewCredentials at(String key, Instant now) {
        return new LiveViewCredentials(key, Clock.fixed(now, ZoneOffset.UTC));
    }
}
