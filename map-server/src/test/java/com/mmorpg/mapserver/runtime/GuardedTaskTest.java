package com.mmorpg.mapserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GuardedTaskTest {

    /** Fails on its 1st and 2nd run (an exception, then an error) and interrupts its thread on the 3rd. */
    private static Runnable failingEarly(AtomicInteger runs) {
        return () -> {
            switch (runs.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("a task's bug");
                case 2 -> throw new StackOverflowError("an error, not an exception");
                case 3 -> Thread.currentThread().interrupt();
                default -> {
                }
            }
        };
    }

    @Test
    void aJdkSchedulerKeepsRunningAGuardedTaskThatThrows() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            GuardedTask task = new GuardedTask("test", failingEarly(runs));
            scheduler.scheduleWithFixedDelay(task, 10, 10, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 6);
            assertThat(task.failures()).isEqualTo(2);
            assertThat(task.endedWithin(TimeUnit.SECONDS.toNanos(5))).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aNettyEventLoopKeepsRunningAGuardedTaskThatThrows() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            AtomicInteger runs = new AtomicInteger();
            GuardedTask task = new GuardedTask("test", failingEarly(runs));
            loop.scheduleAtFixedRate(task, 10, 10, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 6);
            assertThat(task.failures()).isEqualTo(2);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTaskThatStoppedRunningIsSeenAsStopped() {
        GuardedTask task = new GuardedTask("test", () -> {
        });
        task.run();
        assertThat(task.endedWithin(TimeUnit.SECONDS.toNanos(5))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !task.endedWithin(TimeUnit.MILLISECONDS.toNanos(50)));
    }
}
