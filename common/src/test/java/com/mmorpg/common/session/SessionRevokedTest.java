package com.mmorpg.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionRevokedTest {

    private static final Instant BAN = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void roundTripsAndRefusesAnythingElse() {
        SessionRevoked logout = new SessionRevoked("42", "9b2f0c1e-7d3a-4c55-9d7e-0123456789ab", "logout", 1234);

        assertThat(SessionRevoked.decode(logout.encode())).contains(logout);
        assertThat(SessionRevoked.decode("session_revoked 42 * ban 99")).contains(new SessionRevoked("42", "*", "ban", 99));
        assertThat(SessionRevoked.decode("session_revoked 42 s1 logout")).isEmpty();
        assertThat(SessionRevoked.decode("session_revoked 4 2 s1 logout 1")).isEmpty();
        assertThat(SessionRevoked.decode("session_revoked 42 s1 LOGOUT 1")).isEmpty();
        assertThat(SessionRevoked.decode("session_replaced 42 gw 1")).isEmpty();
        assertThat(SessionRevoked.decode(null)).isEmpty();
        assertThatThrownBy(() -> new SessionRevoked("4 2", "s", "logout", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneSessionOrEveryTokenOfTheUserIssuedUpToTheBan() {
        SessionRevoked logout = new SessionRevoked("42", "s1", "logout", BAN.toEpochMilli());
        SessionRevoked ban = new SessionRevoked("42", SessionRevoked.ALL_SESSIONS, "ban", BAN.toEpochMilli());

        assertThat(logout.covers("42", "s1", BAN.plusSeconds(60))).isTrue();
        assertThat(logout.covers("42", "s2", BAN.minusSeconds(60))).isFalse();
        assertThat(logout.covers("43", "s1", BAN)).isFalse();
        assertThat(ban.covers("42", "s7", BAN)).isTrue();
        assertThat(ban.covers("42", "s7", BAN.plusSeconds(1))).isFalse();
    }

    @Test
    void tokensAreJudgedByTheRecordedKeys() {
        assertThat(SessionRevoked.keysFor("42", "s1")).containsExactly("revoked:session:s1", "revoked:user:42");
        assertThat(SessionRevoked.isRevoked(Arrays.asList(null, null), BAN)).isFalse();
        assertThat(SessionRevoked.isRevoked(Arrays.asList("logout", null), BAN)).isTrue();
        String banned = String.valueOf(BAN.toEpochMilli());
        assertThat(SessionRevoked.isRevoked(Arrays.asList(null, banned), BAN.minusSeconds(1))).isTrue();
        assertThat(SessionRevoked.isRevoked(Arrays.asList(null, banned), BAN.plusSeconds(1))).isFalse();
        assertThat(SessionRevoked.isRevoked(Arrays.asList(null, "garbage"), BAN)).isFalse();
        assertThat(SessionRevoked.isRevoked(null, BAN)).isFalse();
    }
}
