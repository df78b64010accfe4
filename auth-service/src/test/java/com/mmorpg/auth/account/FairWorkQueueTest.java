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

    private static void awaitTaken(FairWorkQueue queue) {
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.queued() == 0);
    }
}
