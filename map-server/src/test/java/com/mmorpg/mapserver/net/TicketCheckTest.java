package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.common.token.TicketReplayGuard;
import com.mmorpg.mapserver.net.TicketCheck.Accepted;
import com.mmorpg.mapserver.net.TicketCheck.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TicketCheckTest {

    private static final String SECRET = "test-ticket-secret-0123456789abcdef-0123456789";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final MapTicketCodec codec = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", SECRET, null),
            Duration.ofSeconds(30), clock);
    private final TicketCheck check = new TicketCheck(codec, new TicketReplayGuard(clock, 1000), "map-server-1", 1);

    @Test
    void aFreshTicketForThisServerAndMapIsAcceptedOnce() {
        String token = codec.issue("map-server-1", "42", "7", 1).token();

        assertThat(check.check(token)).isInstanceOfSatisfying(Accepted.class, accepted -> {
            assertThat(accepted.ticket().characterId()).isEqualTo("42");
            assertThat(accepted.ticket().userId()).isEqualTo("7");
        });
        assertThat(code(token)).isEqualTo("TICKET_REPLAYED");
    }

    @Test
    void aTicketSignedWithAnotherSecretIsInvalid() {
        MapTicketCodec forger = new MapTicketCodec(SigningKeys.of("X", "forged-secret-0123456789abcdef-0123456789", null),
                Duration.ofSeconds(30), clock);
        assertThat(code(forger.issue("map-server-1", "42", "7", 1).token())).isEqualTo("TICKET_INVALID");
        assertThat(code("not.a.jwt")).isEqualTo("TICKET_INVALID");
        assertThat(code("")).isEqualTo("TICKET_INVALID");
    }

    @Test
    void anExpiredTicketIsRefused() {
        MapTicketCodec past = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", SECRET, null), Duration.ofSeconds(30),
                Clock.offset(clock, Duration.ofMinutes(-2)));
        assertThat(code(past.issue("map-server-1", "42", "7", 1).token())).isEqualTo("TICKET_EXPIRED");
    }

    @Test
    void aTicketForAnotherServerOrMapIsRefused() {
        assertThat(code(codec.issue("map-server-2", "42", "7", 1).token())).isEqualTo("TICKET_WRONG_SERVER");
        assertThat(code(codec.issue("map-server-1", "42", "7", 2).token())).isEqualTo("TICKET_WRONG_MAP");
    }

    @Test
    void aTicketSignedWithThePreviousSecretStillWorksDuringRotation() {
        TicketCheck rotated = new TicketCheck(new MapTicketCodec(
                SigningKeys.of("TICKET_SECRET", "new-ticket-secret-0123456789abcdef-0123456789", SECRET),
                Duration.ofSeconds(30), clock), new TicketReplayGuard(clock, 1000), "map-server-1", 1);

        assertThat(rotated.check(codec.issue("map-server-1", "42", "7", 1).token())).isInstanceOf(Accepted.class);
    }

    private String code(String token) {
        return ((Refused) check.check(token)).code();
    }
}
