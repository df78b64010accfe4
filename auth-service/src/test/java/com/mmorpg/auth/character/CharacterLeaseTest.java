package com.mmorpg.auth.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One live copy per character: leases granted, handed over, renewed, lost and released, on real PostgreSQL. */
class CharacterLeaseTest extends AuthIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLeaseIsExclusiveAndANewerLoginElsewhereGetsItOnceTheHolderSavedAndReleased() {
        String id = character();
        AuthHttp.Response first = lease(id, "map-a", 1, jti());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long leaseA = first.json().get("lease_id").asLong();
        assertThat(first.json().get("resumed").asBoolean()).isFalse();
        assertThat(first.json().get("character").get("id").asString()).isEqualTo(id);
        assertThat(first.json().get("character").get("version").asLong()).isZero();

        String secondTicket = jti();
        AuthHttp.Response refused = lease(id, "map-b", 1, secondTicket);
        assertProblem(refused, 409, "CHARACTER_IN_WORLD");
        assertThat(refused.text("server_id")).isEqualTo("map-a");
        assertThat(refused.json().get("retry_after_ms").asLong()).isPositive();

        AuthHttp.Response renewal = renew("map-a", leaseA);
        assertThat(renewal.json().get("handover")).extracting(n -> n.asLong()).containsExactly(leaseA);
        assertThat(renewal.json().get("lost")).isEmpty();

        // The holder saves its last state and releases in one write; the newer login then gets the character.
        assertThat(save(id, 1, 7, 0, leaseA, true).status()).isEqualTo(200);
        AuthHttp.Response second = lease(id, "map-b", 1, secondTicket);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        long leaseB = second.json().get("lease_id").asLong();
        assertThat(leaseB).isNotEqualTo(leaseA);
        assertThat(second.json().get("character").get("exp").asLong()).isEqualTo(7);
        assertThat(second.json().get("character").get("version").asLong()).isEqualTo(1);

        // The old holder can write nothing more, and learns it lost the lease.
        AuthHttp.Response late = save(id, 1, 99, 1, leaseA, false);
        assertProblem(late, 409, "LEASE_LOST");
        assertThat(late.text("server_id")).isEqualTo("map-b");
        assertThat(renew("map-a", leaseA).json().get("lost")).extracting(n -> n.asLong()).containsExactly(leaseA);
        assertThat(renew("map-b", leaseB).json().get("handover")).isEmpty();
    }

    @Test
    void aHolderInDoubtReadsBackTheStoredVersionAndWhoseLeaseItIs() {
        String id = character();
        AuthHttp.Response nobody = http.getInternal("/characters/" + id + "/internal/lease", AuthHttp.INTERNAL_KEY);
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(200);
        assertThat(nobody.json().get("version").asLong()).isZero();
        assertThat(nobody.json().get("lease_id").isNull()).isTrue();
        assertThat(nobody.json().get("live").asBoolean()).isFalse();

        long lease = lease(id, "map-a", 1, jti()).json().get("lease_id").asLong();
        assertThat(save(id, 1, 5, 0, lease, false).status()).isEqualTo(200);
        AuthHttp.Response held = http.getInternal("/characters/" + id + "/internal/lease", AuthHttp.INTERNAL_KEY);
        assertThat(held.json().get("version").asLong()).isEqualTo(1);
        assertThat(held.json().get("lease_id").asLong()).isEqualTo(lease);
        assertThat(held.text("server_id")).isEqualTo("map-a");
        assertThat(held.json().get("live").asBoolean()).isTrue();

        assertThat(http.getInternal("/characters/" + id + "/internal/lease", null).status()).isEqualTo(401);
        assertProblem(http.getInternal("/characters/999999999/internal/lease", AuthHttp.INTERNAL_KEY), 404, "CHARACTER_NOT_FOUND");
    }

    @Test
    void theSameServerIsGrantedAgainWithTheSameLease() {
        String id = character();
        long lease = lease(id, "map-a", 1, jti()).json().get("lease_id").asLong();
        AuthHttp.Response again = lease(id, "map-a", 1, jti());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("lease_id").asLong()).isEqualTo(lease);
        assertThat(again.json().get("resumed").asBoolean()).isTrue();
    }

    @Test
    void aTicketOpensOneStayAcrossServersButIsNotUsedUpByARefusal() {
        String id = character();
        String ticket = jti();
        long lease = lease(id, "map-a", 1, ticket).json().get("lease_id").asLong();
        assertProblem(lease(id, "map-a", 1, ticket), 409, "TICKET_REPLAYED");
        assertThat(save(id, 1, 1, 0, lease, true).status()).isEqualTo(200);
        assertProblem(lease(id, "map-b", 1, ticket), 409, "TICKET_REPLAYED"); // another server, after release

        String other = character();
        long held = lease(other, "map-a", 1, jti()).json().get("lease_id").asLong();
        String waiting = jti();
        assertProblem(lease(other, "map-b", 1, waiting), 409, "CHARACTER_IN_WORLD");
        http.deleteInternal("/characters/" + other + "/internal/lease/" + held, AuthHttp.INTERNAL_KEY);
        assertThat(lease(other, "map-b", 1, waiting).status()).as("the refused ticket still works").isEqualTo(200);
    }

    @Test
    void aCharacterIsGrantedOnlyToAServerOfTheMapItIsSavedOn() {
        String id = character();
        assertProblem(lease(id, "map-2", 2, jti()), 409, "TICKET_WRONG_MAP");
        long lease = lease(id, "map-1", 1, jti()).json().get("lease_id").asLong();
        assertThat(save(id, 2, 5, 0, lease, true).status()).as("a gate: saved on map 2, released").isEqualTo(200);

        AuthHttp.Response old = lease(id, "map-1", 1, jti());
        assertProblem(old, 409, "TICKET_WRONG_MAP");
        assertThat(old.text("map_id")).isEqualTo("2");
        assertThat(lease(id, "map-2", 2, jti()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsHolderCanNoLongerWrite() {
        String id = character();
        long crashed = lease(id, "map-a", 1, jti()).json().get("lease_id").asLong();
        jdbc.sql("UPDATE character_leases SET expires_at = now() - interval '1 second' WHERE character_id = ?")
                .param(Long.parseLong(id)).update();

        AuthHttp.Response taken = lease(id, "map-b", 1, jti());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().get("lease_id").asLong()).isNotEqualTo(crashed);
        assertProblem(save(id, 1, 3, 0, crashed, false), 409, "LEASE_LOST");
    }

    @Test
    void aNewLeaseDoesNotInheritAKickOrUnstuckAskedOfThePreviousHolderButAResumedOneKeepsThem() {
        String id = character();
        long crashed = lease(id, "map-a", 1, jti()).json().get("lease_id").asLong();
        jdbc.sql("UPDATE character_leases SET kick_requested_at = now(), unstuck_requested_at = now(), "
                + "expires_at = now() - interval '1 second' WHERE character_id = ?").param(Long.parseLong(id)).update();

        long taken = lease(id, "map-b", 1, jti()).json().get("lease_id").asLong();

        assertThat(taken).isNotEqualTo(crashed);
        AuthHttp.Response renewal = renew("map-b", taken);
        assertThat(renewal.json().get("kicked")).as("the new holder's player was not kicked").isEmpty();
        assertThat(renewal.json().get("unstuck")).isEmpty();
        assertThat(jdbc.sql("SELECT kick_requested_at IS NULL AND unstuck_requested_at IS NULL FROM character_leases "
                + "WHERE character_id = ?").param(Long.parseLong(id)).query(Boolean.class).single()).isTrue();

        // The same server again (a reconnect) keeps the lease, and with it what was asked of it.
        jdbc.sql("UPDATE character_leases SET kick_requested_at = now(), unstuck_requested_at = now() WHERE character_id = ?")
                .param(Long.parseLong(id)).update();
        AuthHttp.Response resumed = lease(id, "map-b", 1, jti());
        assertThat(resumed.json().get("resumed").asBoolean()).isTrue();
        AuthHttp.Response after = renew("map-b", taken);
        assertThat(after.json().get("kicked")).extracting(n -> n.asLong()).containsExactly(taken);
        assertThat(after.json().get("unstuck")).extracting(n -> n.asLong()).containsExactly(taken);
    }

    @Test
    void anExpiredLeaseNobodyTookIsStillItsHoldersToRenewAndWrite() {
        String id = character();
        long lease = lease(id, "map-a", 1, jti()).json().get("lease_id").asLong();
        jdbc.sql("UPDATE character_leases SET expires_at = now() - interval '1 second' WHERE character_id = ?")
                .param(Long.parseLong(id)).update();
        assertThat(renew("map-a", lease).json().get("lost")).isEmpty();
        assertThat(save(id, 1, 3, 0, lease, false).status()).isEqualTo(200);
    }

    @Test
    void concurrentLoginsOnManyServersGiveExactlyOneLease() throws Exception {
        String id = character();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AuthHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String server = "map-" + i;
                answers.add(pool.submit(() -> lease(id, server, 1, jti())));
            }
            int granted = 0;
            for (Future<AuthHttp.Response> answer : answers) {
                AuthHttp.Response response = answer.get();
                if (response.status() == 200) {
                    granted++;
                } else {
                    assertProblem(response, 409, "CHARACTER_IN_WORLD");
                }
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesWithoutTheLeaseAndMalformedLeaseRequestsAreRefused() {
        String id = character();
        assertProblem(save(id, 1, 1, 0, 424242, false), 409, "LEASE_LOST");
        String path = "/characters/" + id + "/internal/lease";
        assertProblem(http.postInternal(path, "{\"server_id\":\"a b\",\"map_id\":1,\"ticket_jti\":\"x\"}", AuthHttp.INTERNAL_KEY),
                400, "VALIDATION_FAILED");
        assertProblem(http.postInternal(path, "{\"server_id\":\"a\",\"map_id\":1}", AuthHttp.INTERNAL_KEY), 400, "VALIDATION_FAILED");
        assertProblem(http.postInternal(path, "{\"server_id\":\"a\",\"map_id\":1,\"ticket_jti\":\"x\"}", null), 401,
                "INVALID_INTERNAL_KEY");
        assertProblem(http.postInternal("/internal/leases/renew", "{\"server_id\":\"a\",\"lease_ids\":[1]}", null), 401,
                "INVALID_INTERNAL_KEY");
        assertProblem(lease("987654321", "map-a", 1, jti()), 404, "CHARACTER_NOT_FOUND");
    }

    private String character() {
        return createCharacter(register().text("access_token"), uniqueName("L", 12), 1).text("id");
    }

    private static String jti() {
        return UUID.randomUUID().toString();
    }

    private AuthHttp.Response lease(String characterId, String serverId, int mapId, String ticketJti) {
        return http.postInternal("/characters/" + characterId + "/internal/lease",
                "{\"server_id\":\"" + serverId + "\",\"map_id\":" + mapId + ",\"ticket_jti\":\"" + ticketJti + "\"}",
                AuthHttp.INTERNAL_KEY);
    }

    private AuthHttp.Response renew(String serverId, long... leaseIds) {
        StringBuilder ids = new StringBuilder();
        for (long lease : leaseIds) {
            ids.append(ids.isEmpty() ? "" : ",").append(lease);
        }
        AuthHttp.Response response = http.postInternal("/internal/leases/renew",
                "{\"server_id\":\"" + serverId + "\",\"lease_ids\":[" + ids + "]}", AuthHttp.INTERNAL_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private AuthHttp.Response save(String characterId, int mapId, long exp, long version, long lease, boolean release) {
        return http.putInternal("/characters/" + characterId + "/internal/state",
                "{\"map_id\":" + mapId + ",\"position\":{\"x\":400,\"y\":304},\"hp\":100,\"mp\":10,\"level\":1,\"exp\":" + exp
                        + ",\"version\":" + version + ",\"lease_id\":" + lease + ",\"release\":" + release + "}",
                AuthHttp.INTERNAL_KEY);
    }
}
