package com.mmorpg.mapserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.mapserver.sim.WorldFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TickLoopTest {

    @Test
    void aHookOrObserverThatThrowsIsCountedAndTheWorldTicksOn() {
        WorldFixture fixture = WorldFixture.open(10, 10);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        TickLoop.Observer observer = new TickLoop.Observer() {
            @Override
            public void tickCompleted(long nanos, long cpuNanos, boolean overrun) {
                if (completed.incrementAndGet() == 3) {
                    throw new IllegalStateException("a metrics failure");
                }
            }

            @Override
            public void tickFailed() {
                failures.incrementAndGet();
            }
        };
        TickLoop.Hooks hooks = new TickLoop.Hooks() {
            @Override
            public void beforeTick() {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("a network batching failure");
                }
            }

            @Override
            public void afterTick() {
                if (calls.get() == 4) {
                    throw new StackOverflowError("an error, not an exception");
                }
            }
        };
        try (TickLoop loop = new TickLoop(fixture.world, "tick-test", observer, hooks)) {
            loop.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.world.currentTick() >= 10);
            assertThat(failures).hasValue(3);
            assertThat(loop.isAlive()).isTrue();
        }
    }

    @Test
    void anInterruptNeitherEndsTheLoopNorMakesItSpin() {
        WorldFixture fixture = WorldFixture.open(10, 10);
        AtomicReference<Thread> tickThread = new AtomicReference<>();
        TickLoop.Hooks hooks = new TickLoop.Hooks() {
            @Override
            public void threadStarted() {
                tickThread.set(Thread.currentThread());
            }
        };
        try (TickLoop loop = new TickLoop(fixture.world, "tick-test", TickLoop.Observer.NONE, hooks)) {
            loop.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> tickThread.get() != null);

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long id = tickThread.get().threadId();
            tickThread.get().interrupt();
            long ticks = fixture.world.currentTick();
            long cpuBefore = threads.getThreadCpuTime(id);
            long wallBefore = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.world.currentTick() >= ticks + 20);
            long wall = System.nanoTime() - wallBefore;
            long cpu = threads.getThreadCpuTime(id) - cpuBefore;

            assertThat(loop.isAlive()).isTrue();
            // An empty world's ticks cost microseconds; a loop spinning on the interrupt flag would use the core.
            assertThat(cpu).as("tick thread CPU %d ms in %d ms", TimeUnit.NANOSECONDS.toMillis(cpu),
                    TimeUnit.NANOSECONDS.toMillis(wall)).isLessThan(wall / 2);
        }
    }
}
