package com.mmorpg.mapserver.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.mapserver.sim.CharacterState;
import com.mmorpg.testsupport.http.HttpStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CharacterPersistenceTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private HttpStub auth;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (auth != null) {
            auth.close();
        }
    }

    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    private CharacterPersistence persistence() throws Exception {
        return persistence(Duration.ofMillis(50));
    }

    private CharacterPersistence persistence(Duration firstBackoff) throws Exception {
        auth = new HttpStub();
        InternalClient http = new InternalClient("auth-service", auth.url(), "key-0123456789abcdef0123456789abcdef", Duration.ofSeconds(2),
                InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
        return new CharacterPersistence(http, scheduler, firstBackoff, CharacterPersistence.Listener.NONE,
                (state, code) -> refusals.add(state.characterId() + ":" + state.leaseId() + ":" + code));
    }

    private static CharacterState state(String id, float x, long version) {
        return state(id, 41, x, version);
    }

    private static CharacterState state(String id, long lease, float x, long version) {
        return new CharacterState(id, lease, 1, x, 100, 90, 20, 2, 150, version, false);
    }

    @Test
    void aTradesWriteGoesAfterTheWritesQueuedBeforeItAndTheWritesMadeMeanwhileWaitForIt() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/30/internal/state", 200, "{\"id\":\"30\",\"version\":2}", 400);
        auth.answer("PUT /internal/trades", 200,
                "{\"saved\":[{\"id\":\"30\",\"version\":3},{\"id\":\"31\",\"version\":8}]}", 300);
        auth.answer("PUT /characters/31/internal/state", 200, "{\"id\":\"31\",\"version\":9}");

        saves.save(state("30", 10, 1)); // under way when the trade comes
        CompletableFuture<Void> trade = saves.saveTogether(state("30", 20, 1), state("31", 30, 7));
        saves.save(state("31", 40, 7)); // made after the trade: waits for it

        trade.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
        List<String> order = auth.calls().stream().map(call -> call.method() + " " + call.path()).toList();
        assertThat(order).containsSubsequence("PUT /characters/30/internal/state", "PUT /internal/trades",
                "PUT /characters/31/internal/state");
        assertThat(auth.calls("PUT /internal/trades").getFirst().body())
                .as("the trade carries the version the single write before it stored").contains("\"version\":2", "\"version\":7");
        assertThat(auth.calls("PUT /characters/31/internal/state").getFirst().body())
                .as("and the write after it the version the trade stored").contains("\"version\":8", "\"x\":40.0");
    }

    @Test
    void aTradeWhoseLeaseIsLostRemovesBothPlayersAndCompletesExceptionally() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /internal/trades", 409, "{\"code\":\"LEASE_LOST\"}");
        auth.answer("GET /characters/32/internal/lease", 200, holding("32", 1, 41));
        auth.answer("GET /characters/33/internal/lease", 200, holding("33", 1, 99)); // another server's

        CompletableFuture<Void> trade = saves.saveTogether(state("32", 1, 1), state("33", 2, 1));

        assertThatThrownBy(() -> trade.get(10, TimeUnit.SECONDS)).hasMessageContaining("LEASE_LOST");
        assertThat(refusals).containsExactlyInAnyOrder("32:41:LEASE_LOST", "33:41:LEASE_LOST");
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
    }

    @Test
    void aSaveWhileAuthServiceIsDownIsKeptAndWrittenOnceItIsBack() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/5/internal/state", 503, "{}");

        saves.save(state("5", 321, 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/5/internal/state").size() >= 3);
        assertThat(saves.pendingCount()).isEqualTo(1);

        auth.answer("PUT /characters/5/internal/state", 200, "{\"id\":\"5\",\"version\":4}");
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
        assertThat(auth.calls("PUT /characters/5/internal/state").getLast().body())
                .contains("\"x\":321.0", "\"version\":3", "\"level\":2", "\"exp\":150");
    }

    @Test
    void successiveSavesOfOneCharacterCarryTheVersionTheLastSaveReturned() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/6/internal/state", 200, "{\"id\":\"6\",\"version\":8}");

        saves.save(state("6", 10, 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
        saves.save(state("6", 20, 7)); // the world still holds the version it loaded
        await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/6/internal/state").size() == 2);

        assertThat(auth.calls("PUT /characters/6/internal/state").get(1).body()).contains("\"version\":8");
    }

    @Test
    void aRefusedWriteIsNeverSwallowedThePlayerIsReportedForRemoval() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/7/internal/state", 409, "{\"code\":\"LEASE_LOST\"}");
        auth.answer("GET /characters/7/internal/lease", 200, holding("7", 1, 99)); // another server's lease now

        CompletableFuture<Void> stored = saves.save(state("7", 10, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
        assertThat(auth.calls("PUT /characters/7/internal/state")).hasSize(1);
        assertThat(auth.calls("GET /characters/7/internal/lease")).hasSize(1); // checked before the player was removed
        assertThatThrownBy(() -> stored.get(1, TimeUnit.SECONDS)).hasMessageContaining("LEASE_LOST");
        assertThat(refusals).containsExactly("7:41:LEASE_LOST");
    }

    @Test
    void everyWriteCarriesItsLeaseAndAReleaseSurvivesBeingMergedWithANewerState() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/13/internal/state", 503, "{}");
        saves.save(state("13", 10, 1).released()); // leaving while auth-service is down
        await().atMost(Duration.ofSeconds(10)).until(() -> !auth.calls("PUT /characters/13/internal/state").isEmpty());
        saves.save(state("13", 20, 1)); // a newer state of the same stay arrives before the write went through
        auth.answer("PUT /characters/13/internal/state", 200, "{\"id\":\"13\",\"version\":2}");

        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
        List<HttpStub.Call> writes = auth.calls("PUT /characters/13/internal/state");
        assertThat(writes.getLast().body()).contains("\"x\":20.0", "\"lease_id\":41", "\"release\":true");
    }

    @Test
    void aNewStayWaitsForThePendingWriteOfTheLastAndCountsItsOwnVersionFromWhatItLoaded() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/14/internal/state", 503, "{}");
        saves.save(state("14", 1, 10, 5).released());
        CompletableFuture<Void> idle = saves.idle("14");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !idle.isDone());

        auth.answer("PUT /characters/14/internal/state", 200, "{\"id\":\"14\",\"version\":6}");
        idle.get(10, TimeUnit.SECONDS);
        assertThat(saves.idle("15").isDone()).as("nothing pending for another character").isTrue();

        // The next stay (lease 2) loaded version 6: it writes 6, not a version remembered from the last stay.
        auth.answer("PUT /characters/14/internal/state", 200, "{\"id\":\"14\",\"version\":7}");
        saves.save(state("14", 2, 30, 6)).get(10, TimeUnit.SECONDS);
        assertThat(auth.calls("PUT /characters/14/internal/state").getLast().body())
                .contains("\"version\":6", "\"lease_id\":2", "\"release\":false");
    }

    @Test
    void aTimedOutSaveThatWasStoredAfterAllIsAdoptedInsteadOfLosingEveryLaterSave() throws Exception {
        CharacterPersistence saves = persistence();
        AtomicInteger puts = new AtomicInteger();
        auth.fallbackCalls(call -> {
            if (call.is("GET /characters/11/internal/lease")) { // the lease is still this stay's; version 2 stored
                return new HttpStub.Answer(200, holding("11", 2, 41), 0);
            }
            return switch (puts.incrementAndGet()) {
                case 1 -> new HttpStub.Answer(200, "{\"id\":\"11\",\"version\":2}", 2_500); // stored, answer too late
                case 2 -> new HttpStub.Answer(409, "{\"code\":\"STALE_VERSION\"}", 0);
                default -> new HttpStub.Answer(200, "{\"id\":\"11\",\"version\":3}", 0);
            };
        });

        CompletableFuture<Void> stored = saves.save(state("11", 10, 1));

        stored.get(20, TimeUnit.SECONDS);
        List<HttpStub.Call> writes = auth.calls("PUT /characters/11/internal/state");
        assertThat(writes).hasSize(3);
        assertThat(writes.get(2).body()).contains("\"version\":2");
        assertThat(saves.pendingCount()).isZero();
        assertThat(refusals).isEmpty();
    }

    @Test
    void aStaleVersionUnderThisStaysOwnLeaseIsResolvedNotAReasonToRemoveThePlayer() throws Exception {
        // Whatever the stored state looks like: while the lease is this stay's, only this server wrote it.
        CharacterPersistence saves = persistence();
        AtomicInteger puts = new AtomicInteger();
        auth.fallbackCalls(call -> {
            if (call.is("GET /characters/12/internal/lease")) {
                return new HttpStub.Answer(200, holding("12", 5, 41), 0);
            }
            return puts.incrementAndGet() == 1 ? new HttpStub.Answer(409, "{\"code\":\"STALE_VERSION\"}", 0)
                    : new HttpStub.Answer(200, "{\"id\":\"12\",\"version\":6}", 0);
        });

        saves.save(state("12", 10, 1)).get(20, TimeUnit.SECONDS);

        assertThat(auth.calls("PUT /characters/12/internal/state").getLast().body()).contains("\"version\":5", "\"x\":10.0");
        assertThat(refusals).isEmpty();
    }

    @Test
    void aConflictUnderSomeoneElsesLeaseRemovesThePlayer() throws Exception {
        CharacterPersistence saves = persistence();
        AtomicInteger puts = new AtomicInteger();
        auth.fallbackCalls(call -> {
            if (call.is("GET /characters/16/internal/lease")) { // another server took the character over meanwhile
                return new HttpStub.Answer(200, holding("16", 3, 77), 0);
            }
            return puts.incrementAndGet() == 1 ? new HttpStub.Answer(200, "{}", 2_500)
                    : new HttpStub.Answer(409, "{\"code\":\"LEASE_LOST\"}", 0);
        });

        CompletableFuture<Void> stored = saves.save(state("16", 10, 1));

        assertThatThrownBy(() -> stored.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(auth.calls("PUT /characters/16/internal/state")).hasSize(2);
        assertThat(refusals).containsExactly("16:41:LEASE_LOST");
    }

    @Test
    void savesDuringAnOutageNeverStartASecondWriteOfTheSameCharacter() throws Exception {
        CharacterPersistence saves = persistence();
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        auth.fallbackCalls(call -> {
            arrivals.add(System.nanoTime());
            return down.get() ? new HttpStub.Answer(503, "{\"code\":\"STORE_UNAVAILABLE\"}", 200)
                    : new HttpStub.Answer(200, "{\"id\":\"17\",\"version\":2}", 0);
        });

        // A moving player saved every 20 ms for 2 s while auth-service answers 503 after 200 ms.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (int x = 0; System.nanoTime() < until; x++) {
            saves.save(state("17", x, 1));
            Thread.sleep(20);
        }
        float last = (System.nanoTime() % 1000);
        saves.save(state("17", last, 1));
        down.set(false);
        await().atMost(Duration.ofSeconds(40)).until(() -> saves.pendingCount() == 0);

        // One write at a time: no write began while the one before it was still waiting for its 200 ms answer.
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap between write %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        }
        assertThat(arrivals.size()).as("writes during 2 s of outage, back-off included").isLessThan(10);
        assertThat(auth.calls("PUT /characters/17/internal/state").getLast().body()).contains("\"x\":" + last);
        assertThat(refusals).isEmpty();
    }

    @Test
    void whenTheStoreAnswersAgainTheWritesWaitingForTheirBackOffGoAtOnce() throws Exception {
        CharacterPersistence saves = persistence(Duration.ofSeconds(30)); // a back-off longer than the test
        auth.answer("PUT /characters/18/internal/state", 503, "{\"code\":\"STORE_UNAVAILABLE\"}");
        CompletableFuture<Void> stored = saves.save(state("18", 10, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.retryingCount() == 1);

        auth.answer("PUT /characters/18/internal/state", 200, "{\"id\":\"18\",\"version\":2}");
        saves.storeAnswered(); // what a lease renewal that went through says

        stored.get(10, TimeUnit.SECONDS);
        assertThat(saves.retryingCount()).isZero();
        assertThat(saves.oldestUnsavedMillis()).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheSaves() throws Exception {
        auth = new HttpStub();
        InternalClient http = new InternalClient("auth-service", auth.url(), "key-0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(2), InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
        CharacterPersistence saves = new CharacterPersistence(http, scheduler, Duration.ofMillis(50), new CharacterPersistence.Listener() {
            @Override
            public void saved(CharacterState state, long version) {
                throw new StackOverflowError("a metrics hook that fails");
            }
        });
        auth.answer("PUT /characters/19/internal/state", 200, "{\"id\":\"19\",\"version\":2}");

        saves.save(state("19", 10, 1)).get(10, TimeUnit.SECONDS);
        auth.answer("PUT /characters/19/internal/state", 200, "{\"id\":\"19\",\"version\":3}");
        saves.save(state("19", 20, 1)).get(10, TimeUnit.SECONDS);
        auth.answer("PUT /characters/20/internal/state", 200, "{\"id\":\"20\",\"version\":2}");
        saves.save(state("20", 30, 1)).get(10, TimeUnit.SECONDS);

        assertThat(auth.calls("PUT /characters/19/internal/state").getLast().body()).contains("\"x\":20.0", "\"version\":2");
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.pendingCount() == 0);
    }

    @Test
    void aWriteRefusedWithAnAnswerKeepsItsBackOffWhileTheStoreAnswersOthers() throws Exception {
        CharacterPersistence saves = persistence(Duration.ofSeconds(30));
        auth.answer("PUT /characters/21/internal/state", 500, "{\"code\":\"INTERNAL_ERROR\"}");
        saves.save(state("21", 10, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.retryingCount() == 1);

        saves.storeAnswered(); // lease renewals go through every second: not a reason to hammer a 500
        saves.storeAnswered();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> auth.calls("PUT /characters/21/internal/state").size() == 1);
    }

    @Test
    void waitingForIdleWhileAWriteIsInFlightAddsNoWrite() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/22/internal/state", 200, "{\"id\":\"22\",\"version\":2}", 500);
        CompletableFuture<Void> stored = saves.save(state("22", 10, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/22/internal/state").size() == 1);

        CompletableFuture<Void> idle = saves.idle("22"); // a returning player's lease waits for this

        idle.get(10, TimeUnit.SECONDS);
        stored.get(10, TimeUnit.SECONDS);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> auth.calls("PUT /characters/22/internal/state").size() == 1);
    }

    /** auth-service's read-back: the stored version and whose lease it is. */
    private static String holding(String id, long version, long leaseId) {
        return "{\"character_id\":\"" + id + "\",\"version\":" + version + ",\"lease_id\":" + leaseId
                + ",\"server_id\":\"map-server-x\",\"expires_at\":\"2030-01-01T00:00:00Z\",\"live\":true}";
    }

    @Test
    void flushReportsTheStatesThatCouldNotBeWritten() throws Exception {
        CharacterPersistence saves = persistence();
        auth.answer("PUT /characters/8/internal/state", 503, "{}");
        auth.answer("PUT /characters/9/internal/state", 200, "{\"id\":\"9\",\"version\":2}");
        saves.save(state("8", 10, 1));
        saves.save(state("9", 10, 1));

        List<CharacterState> dropped = saves.flush(Duration.ofMillis(500));

        assertThat(dropped).extracting(CharacterState::characterId).containsExactly("8");
    }
}
