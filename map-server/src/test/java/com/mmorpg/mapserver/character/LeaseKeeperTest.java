package com.mmorpg.mapserver.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.testsupport.http.HttpStub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lease renewal poll against a stand-in for auth-service: what it survives and when it renews. */
@Timeout(60)
class LeaseKeeperTest {

    private static final String RENEW = "POST " + Leases.RENEW_PATH;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private HttpStub auth;
    private LeaseKeeper leases;

    @BeforeEach
    void start() throws Exception {
        auth = new HttpStub();
        InternalClient http = new InternalClient("auth-service", auth.url(), "key-0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(2), InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
        CharacterPersistence persistence = new CharacterPersistence(http, scheduler, Duration.ofMillis(50),
                CharacterPersistence.Listener.NONE);
        // Renew every lease every 10 polls (10 s); the poll itself runs every second.
        leases = new LeaseKeeper(http, scheduler, persistence, "map-server-1", 1, Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        leases.stopRenewal();
        scheduler.shutdownNow();
        auth.close();
    }

    @Test
    void aHolderThatThrowsOrInterruptsDoesNotEndThePolling() {
        auth.answer(RENEW, 200, "{\"expires_at\":\"2030-01-01T00:00:00Z\",\"lost\":[],\"handover\":[7],"
                + "\"kicked\":[],\"unstuck\":[],\"removed\":[]}");
        AtomicInteger handovers = new AtomicInteger();
        leases.startRenewal(() -> Map.of(7L, "70"), new RecordingHolder() {
            @Override
            public void handOver(String characterId, long leaseId) {
                switch (handovers.incrementAndGet()) {
                    case 1 -> throw new IllegalStateException("the world refused the command");
                    case 2 -> throw new OutOfMemoryError("an error, not an exception");
                    case 3 -> Thread.currentThread().interrupt();
                    default -> {
                    }
                }
            }
        });

        // Before the guard, the scheduler cancelled the poll for good at the error.
        await().atMost(Duration.ofSeconds(20)).until(() -> handovers.get() >= 5);
        assertThat(leases.renewalRunning(Duration.ofSeconds(5).toNanos())).isTrue();
    }

    @Test
    void aRenewalThatFailedIsTriedAgainAtTheNextPollNotAnIntervalLater() {
        auth.answer(RENEW, 503, "{\"code\":\"STORE_UNAVAILABLE\"}");
        leases.startRenewal(() -> Map.of(7L, "70"), new RecordingHolder());
        await().atMost(Duration.ofSeconds(10)).until(() -> !auth.calls(RENEW).isEmpty());
        assertThat(auth.calls(RENEW).getFirst().body()).contains("[7]");

        auth.answer(RENEW, 200, "{\"expires_at\":\"2030-01-01T00:00:00Z\",\"lost\":[],\"handover\":[],"
                + "\"kicked\":[],\"unstuck\":[],\"removed\":[]}");
        // Once one succeeds, the polls go back to asking for notices only, until the next interval.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> auth.calls(RENEW).stream().anyMatch(call -> call.body().contains("\"lease_ids\":[]")));

        // The poll right after the failure carried the lease again (it used to wait ten polls).
        assertThat(auth.calls(RENEW).get(1).body()).contains("\"lease_ids\":[7]");
    }

    @Test
    void removalsCarryTheirReasonAndALeaseListedWithoutOneIsKicked() {
        // Lease 7 was banned, 8 entered with a session that ended, 9 is listed in "kicked" only.
        auth.answer(RENEW, 200, "{\"expires_at\":\"2030-01-01T00:00:00Z\",\"lost\":[],\"handover\":[],"
                + "\"kicked\":[7,8,9],\"unstuck\":[],\"removed\":[{\"lease_id\":7,\"code\":\"BANNED\"},"
                + "{\"lease_id\":8,\"code\":\"SESSION_REVOKED\"}]}");
        Map<String, String> removed = new java.util.concurrent.ConcurrentHashMap<>();
        leases.startRenewal(() -> Map.of(7L, "70", 8L, "80", 9L, "90"), new RecordingHolder() {
            @Override
            public void removed(String characterId, long leaseId, String code) {
                removed.put(characterId + "/" + leaseId, code);
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> removed.size() == 3);
        assertThat(removed).containsExactlyInAnyOrderEntriesOf(Map.of("70/7", "BANNED", "80/8", "SESSION_REVOKED",
                "90/9", "KICKED"));
    }

    private static class RecordingHolder implements LeaseKeeper.Holder {

        @Override
        public void handOver(String characterId, long leaseId) {
        }

        @Override
        public void removed(String characterId, long leaseId, String code) {
        }

        @Override
        public void unstuck(String characterId, long leaseId) {
        }

        @Override
        public void lost(String characterId, long leaseId) {
        }
    }
}
