package com.mmorpg.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MapTicketCodecTest {

    private static final String SECRET = "ticket-secret-0123456789abcdef0123456789";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final MapTicketCodec codec = codec(SECRET, null, NOW);

    @Test
    void issuedTicketVerifiesForItsServerAndMap() throws Exception {
        MapTicketCodec.MapTicket issued = codec.issue("map-server-1", "42", "7", 1);

        MapTicketCodec.MapTicket verified = codec.verify(issued.token(), "map-server-1", 1);

        assertThat(verified.characterId()).isEqualTo("42");
        assertThat(verified.userId()).isEqualTo("7");
        assertThat(verified.jti()).isEqualTo(issued.jti());
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(verified.sessionId()).isNull();
    }

    @Test
    void theLoginSessionTravelsInTheTicket() throws Exception {
        String token = codec.issue("map-server-1", "42", "7", 1, "0c8f5e1e-6a55-4a3e-9d57-1c2b3a4d5e6f").token();

        assertThat(codec.verify(token, "map-server-1", 1).sessionId()).isEqualTo("0c8f5e1e-6a55-4a3e-9d57-1c2b3a4d5e6f");
    }

    @Test
    void wrongAudienceWrongMapExpiredAndForgedAreRefused() {
        String token = codec.issue("map-server-1", "42", "7", 1).token();

        assertThatThrownBy(() -> codec.verify(token, "map-server-2", 1)).hasMessage("wrong audience");
        assertThatThrownBy(() -> codec.verify(token, "map-server-1", 2)).hasMessage("wrong map");
        assertThatThrownBy(() -> codec(SECRET, null, NOW.plusSeconds(40)).verify(token, "map-server-1", 1)).hasMessage("expired");
        String forged = codec("another-ticket-secret-0123456789abcdef", null, NOW).issue("map-server-1", "42", "7", 1).token();
        assertThatThrownBy(() -> codec.verify(forged, "map-server-1", 1)).hasMessage("bad signature");
        assertThatThrownBy(() -> codec.verify("garbage", "map-server-1", 1)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void accessTokensAreNotTickets() {
        String access = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", SECRET, null), Duration.ofMinutes(15),
                Clock.fixed(NOW, ZoneOffset.UTC)).issue("7").token();

        assertThatThrownBy(() -> codec.verify(access, "map-server-1", 1)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void replayGuardAcceptsEachTicketOnce() throws Exception {
        TicketReplayGuard guard = new TicketReplayGuard(Clock.fixed(NOW, ZoneOffset.UTC), 1000);
        MapTicketCodec.MapTicket ticket = codec.verify(codec.issue("map-server-1", "42", "7", 1).token(), "map-server-1", 1);

        assertThat(guard.firstUse(ticket)).isTrue();
        assertThat(guard.firstUse(ticket)).isFalse();
        assertThat(guard.firstUse(codec.issue("map-server-1", "42", "7", 1))).isTrue();
        guard.purgeExpired(NOW.plusSeconds(60));
        assertThat(guard.size()).isZero();
    }

    private static MapTicketCodec codec(String secret, String previous, Instant now) {
        return new MapTicketCodec(SigningKeys.of("TICKET_SECRET", secret, previous), Duration.ofSeconds(30),
                Clock.fixed(now, ZoneOffset.UTC));
    }
}
