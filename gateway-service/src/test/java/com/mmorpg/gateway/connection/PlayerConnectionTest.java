package com.mmorpg.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.junit.jupiter.api.Test;

class PlayerConnectionTest {

    private static PlayerConnection connection(int messagesPerSecond) {
        Instant now = Instant.now();
        return new PlayerConnection(new CoreSession.Empty(),
                new AccessTokenCodec.AccessToken("t", "7", "s", "j", now, now.plusSeconds(900), Role.PLAYER), messagesPerSecond, 0,
                PlayerConnection.Outbound.of(262_144, new SimpleMeterRegistry()));
    }

    @Test
    void aBurstOfTheRatePassesTheNextMessageIsRefusedAndTheBudgetComesBack() {
        PlayerConnection connection = connection(20);

        long started = System.nanoTime();
        int admitted = 0;
        while (connection.admit()) {
            admitted++;
            assertThat(admitted).isLessThanOrEqualTo(10_000); // a budget that never ran out
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // The burst, plus what refilled while it ran (20 a second): however slow the machine, no more.
        assertThat(admitted).isBetween(20, 20 + (int) Math.ceil(seconds * 20) + 1);
        assertThat(connection.admit()).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(connection::admit); // one message's worth refills in 50 ms
    }

    @Test
    void connectionsHaveTheirOwnBudgetsAndIds() {
        PlayerConnection first = connection(1);
        PlayerConnection second = connection(1);

        assertThat(first.admit()).isTrue();
        assertThat(first.admit()).isFalse();
        assertThat(second.admit()).isTrue();
        assertThat(first.id()).isNotEqualTo(second.id());
    }
}
