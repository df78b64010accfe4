package com.mmorpg.worlddirectory.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.service.error.ApiException;
import com.mmorpg.service.web.InternalApiProperties;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import com.mmorpg.worlddirectory.DirectoryProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the gate remembers of the tokens it saw: a hash each, and a bounded number of them. */
class StaffGateTest {

    @Test
    @Timeout(180)
    void itRemembersTokensByTheirHashAndNoMoreThanItsCap() throws Exception {
        try (HttpStub auth = new HttpStub()) {
            auth.fallbackCalls(call -> "Bearer staff-token".equals(call.authorization())
                    ? new HttpStub.Answer(200, Contracts.staff(2, "helper", "gm"), 0)
                    : new HttpStub.Answer(401, "{\"code\":\"UNAUTHORIZED\"}", 0));
            StaffGate gate = new StaffGate(new DirectoryProperties(Duration.ofSeconds(30), Duration.ofSeconds(30), auth.url(),
                    Duration.ofSeconds(5)), new InternalApiProperties("dev-only-internal-api-key-0123456789abcdef", List.of()), "");

            assertThat(gate.whoHolds("staff-token").username()).isEqualTo("helper");
            assertThat(gate.remembersKey(StaffGate.digest("staff-token"))).isTrue();
            int asked = auth.calls().size();
            assertThat(gate.whoHolds("staff-token").username()).isEqualTo("helper");
            assertThat(auth.calls()).as("remembered: auth-service is not asked again").hasSize(asked);
            assertThat(StaffGate.digest("staff-token")).hasSize(43).doesNotContain("staff-token");

            // Made-up tokens, each remembered as refused (the stub keeps every call: 1 KB each keeps its memory small).
            String padding = "x".repeat(1_000);
            for (int i = 0; i < StaffGate.MAX_REMEMBERED + 500; i++) {
                String forged = padding + i;
                assertThatThrownBy(() -> gate.whoHolds(forged)).isInstanceOf(ApiException.class);
            }

            assertThat(gate.remembered()).isPositive().isLessThanOrEqualTo(StaffGate.MAX_REMEMBERED);
            String last = padding + (StaffGate.MAX_REMEMBERED + 499);
            assertThat(gate.remembersKey(last)).as("never the token itself").isFalse();
            assertThat(gate.remembersKey(StaffGate.digest(last))).as("but its digest (the newest entry)").isTrue();
        }
    }
}
