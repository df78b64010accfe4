package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FairWorkQueueTest {

    @Test
    void clientsTakeTurnsSoOneClientsBacklogDoesNotDelayAnother() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 16, 8)) {
            queue.submit("flooder", () -> {
                running.countDown();
                release.await();
                return order.add("flooder-0");
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 5; i++) {
                String name = "flooder-" + i;
                queue.submit("flooder", () -> order.add(name));
            }
            FutureTask<Boolean> player = queue.submit("player", () -> order.add("player"));

            release.countDown();
            player.get(10, TimeUnit.SECONDS);

            // The flooder's running task and its next turn, then the player: not behind all five.
            assertThat(order).startsWith("flooder-0", "flooder-1", "player");
        }
    }

    @Test
    void aClientMayHaveOnlyItsShareWaitingAndEveryoneTogetherTheCapacity() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 3, 2)) {
            queue.submit("a", () -> release.await(10, TimeUnit.SECONDS));
            awaitTaken(queue);
            queue.submit("a", () -> true);
            queue.submit("a", () -> true);

            assertThatThrownBy(() -> queue.submit("a", () -> true))
                    .isInstanceOfSatisfying(FairWorkQueue.RefusedException.class,
                            e -> assertThat(e.refusal()).isEqualTo(FairWorkQueue.Refusal.CLIENT_SHARE));
            queue.submit("b", () -> true);
            assertThatThrownBy(() -> queue.submit("c", () -> true))
                    .isInstanceOfSatisfying(FairWorkQueue.RefusedException.class,
                            e -> assertThat(e.refusal()).isEqualTo(FairWorkQueue.Refusal.FULL));
            release.countDown();
        }
    }

    @Test
    void anInterruptMeantForATaskNeverEndsTheWorker() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 4, 4)) {
            FutureTask<Boolean> abandoned = queue.submit("a", () -> {
                worker.set(Thread.currentThread());
                started.countDown();
                Thread.sleep(60_000);
                return true;
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            abandoned.cancel(true); // what the hasher did when a caller gave up: the interrupt hits the worker

            // The next task is served, and the interrupt meant for the last one does not reach it.
            assertThat(queue.submit("a", () -> Thread.currentThread().isInterrupted()).get(10, TimeUnit.SECONDS))
                    .as("interrupted when the next task ran").isFalse();
            // And an interrupt that reaches the worker while it waits for work.
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.get().getState() == Thread.State.WAITING);
            worker.get().interrupt();
            assertThat(queue.submit("a", () -> Thread.currentThread().isInterrupted()).get(10, TimeUnit.SECONDS))
                    .as("interrupted when the next task ran").isFalse();
            assertThat(queue.alive()).isEqualTo(1);
            assertThat(queue.replaced()).isZero();
        }
    }

    @Test
    void aWorkerThatEndsForAnyReasonIsReplacedAndCounted() throws Exception {
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 4, 4)) {
            queue.submit("a", new FutureTask<>(() -> true) {
                @Override
                public void run() {
                    throw new OutOfMemoryError("a failure outside the task's own code");
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> queue.replaced() == 1);
            assertThat(queue.submit("a", () -> "served").get(10, TimeUnit.SECONDS)).isEqualTo("served");
            assertThat(queue.alive()).isEqualTo(1);
        }
    }

    @Test
    void aWithdrawnTaskGivesUpItsPlaceAndNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 2, 2)) {
            queue.submit("a", () -> release.await(10, TimeUnit.SECONDS));
            awaitTaken(queue);
            FutureTask<Boolean> gaveUp = queue.submit("a", () -> ran.getAndSet(true));
            queue.submit("b", () -> true);
            assertThatThrownBy(() -> queue.submit("c", () -> true)).isInstanceOf(FairWorkQueue.RefusedException.class);

            assertThat(queue.withdraw("a", gaveUp)).isTrue();
            assertThat(queue.withdraw("a", gaveUp)).isFalse();
            FutureTask<Boolean> next = queue.submit("c", () -> true);
            release.countDown();

            assertThat(next.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void closingIsTheOnlyWayToStopTheWorkersAndItCancelsWhatWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FairWorkQueue queue = new FairWorkQueue("test", 2, 4, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.alive() == 2);
        FutureTask<Boolean> first = queue.submit("a", () -> release.await(10, TimeUnit.SECONDS));
        FutureTask<Boolean> second = queue.submit("b", () -> release.await(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.running() == 2);
        FutureTask<Boolean> waiting = queue.submit("c", () -> true);

        queue.close();

        assertThat(waiting.isCancelled()).isTrue();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue(); // a running task ends as it would have
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.alive() == 0);
        assertThat(queue.replaced()).isZero();
        assertThatThrownBy(() -> queue.submit("d", () -> true)).isInstanceOf(FairWorkQueue.RefusedException.class);
    }

    @Test
    void theMomentThePoolWentFromIdleToBusyIsKept() throws Exception {
        // Health counts a stall from here, not from the last hash before a quiet spell.
        try (FairWorkQueue queue = new FairWorkQueue("test", 1, 4, 4)) {
            long idleSince = queue.busySinceNanos();
            long before = System.nanoTime();
            queue.submit("a", () -> true).get(10, TimeUnit.SECONDS);

            assertThat(queue.busySinceNanos()).isGreaterThan(idleSince);
            assertThat(queue.busySinceNanos() - before).isGreaterThanOrEqualTo(0);
        }
    }

    private static void awaitTaken(FairWorkQueue queue) {
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.queued() == 0);
    }
}
