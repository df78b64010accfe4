package com.mmorpg.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionReplacedTest {

    @Test
    void roundTripsAndRefusesAnythingElse() {
        SessionReplaced notice = new SessionReplaced("42", "gateway-2", 1_700_000_000_123L);
        assertThat(notice.encode()).isEqualTo("session_replaced 42 gateway-2 1700000000123");
        assertThat(SessionReplaced.decode(notice.encode())).contains(notice);
        assertThat(SessionReplaced.channel("gateway-1")).isEqualTo("gateway:gateway-1");

        for (String bad : new String[] {null, "", "session_replaced 42 gateway-2", "session_revoked 42 g 1",
                "session_replaced 4 2 g 1", "session_replaced 42 g -1", "session_replaced 42 g 1 extra",
                "session_replaced 42\n g 1", "session_replaced 42 g 99999999999999999999"}) {
            assertThat(SessionReplaced.decode(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThatThrownBy(() -> new SessionReplaced("a b", "g", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
