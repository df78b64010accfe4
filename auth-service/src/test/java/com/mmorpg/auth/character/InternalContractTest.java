package com.mmorpg.auth.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The map server's side of the internal contract, as the map server speaks it: every request written
 * by {@code common}'s records through the shared {@link InternalClient} is accepted by this service
 * (whose JSON refuses unknown fields), and every answer reads back as its record.
 */
class InternalContractTest extends AuthIntegrationTest {

    @Test
    void aWholeStayWrittenWithTheSharedRecordsIsAcceptedAndEveryAnswerReadsBackAsItsRecord() {
        String id = createCharacter(register().text("access_token"), uniqueName("C", 12), 1).text("id");
        InternalClient auth = new InternalClient("auth-service", "http://127.0.0.1:" + port, AuthHttp.INTERNAL_KEY,
                Duration.ofSeconds(10), InternalClient.httpClient(Duration.ofSeconds(10), Executors.newCachedThreadPool(), null));

        CharacterRecord stored = ok(auth.send("GET", CharacterStates.characterPath(id), null)).as(CharacterRecord.class);
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.level()).isEqualTo(1);
        assertThat(stored.version()).isZero();
        assertThat(stored.stats().speed()).isPositive();
        assertThat(stored.growth().hp()).isPositive();

        Leases.Grant grant = ok(auth.send("POST", Leases.leasePath(id),
                new Leases.Request("map-server-contract", stored.mapNumber(), UUID.randomUUID().toString(), null)))
                .as(Leases.Grant.class);
        assertThat(grant.serverId()).isEqualTo("map-server-contract");
        assertThat(grant.resumed()).isFalse();
        assertThat(grant.expiresAt()).isAfter(Instant.now());
        assertThat(grant.character()).isEqualTo(stored);

        Leases.Renewed renewed = ok(auth.send("POST", Leases.RENEW_PATH,
                new Leases.Renewal("map-server-contract", List.of(grant.leaseId())))).as(Leases.Renewed.class);
        assertThat(renewed.lost()).isEmpty();
        assertThat(renewed.handover()).isEmpty();
        assertThat(renewed.expiresAt()).isAfterOrEqualTo(grant.expiresAt());

        CharacterStates.Saved saved = ok(auth.send("PUT", CharacterStates.statePath(id), new CharacterStates.Update(
                stored.mapNumber(), new CharacterRecord.Position(410.5, 300.25), 90, 12, 2, 120, stored.version(),
                grant.leaseId(), true))).as(CharacterStates.Saved.class);
        assertThat(saved).isEqualTo(new CharacterStates.Saved(id, stored.version() + 1));

        CharacterRecord after = ok(auth.send("GET", CharacterStates.characterPath(id), null)).as(CharacterRecord.class);
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.exp()).isEqualTo(120);
        assertThat(after.position()).isEqualTo(new CharacterRecord.Position(410.5, 300.25));
        assertThat(after.version()).isEqualTo(saved.version());
        assertThat(ok(auth.send("POST", Leases.RENEW_PATH, new Leases.Renewal("map-server-contract",
                List.of(grant.leaseId())))).as(Leases.Renewed.class).lost()).as("released with the write")
                .containsExactly(grant.leaseId());
    }

    private static InternalClient.Reply ok(InternalClient.Reply reply) {
        assertThat(reply.status()).as("%s: %s", reply.path(), reply.body()).isEqualTo(200);
        return reply;
    }
}
