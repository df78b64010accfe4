package com.mmorpg.mapserver.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs on threads of its own: the CPUs a thread may use stick to it (and to the threads it creates). */
class TickCpuTest {

    @AfterEach
    void release() {
        TickCpu.reserve("off");
    }

    @Test
    void theTickThreadGetsTheReservedCpuAndEveryOtherThreadTheRest() throws Exception {
        int[] all = TickCpu.currentCpus();
        assumeTrue(all.length >= 2, "needs a Linux host with 2+ CPUs");

        Result result = onNewThread(() -> {
            int cpu = TickCpu.reserve("auto");
            int[] startup = TickCpu.currentCpus();
            AtomicReference<int[]> created = new AtomicReference<>();
            AtomicReference<int[]> tick = new AtomicReference<>();
            AtomicReference<int[]> pooled = new AtomicReference<>();
            join(Thread.ofPlatform().start(() -> created.set(TickCpu.currentCpus())));
            join(Thread.ofPlatform().start(() -> {
                TickCpu.enterTickThread();
                tick.set(TickCpu.currentCpus());
                ThreadFactory pool = TickCpu.avoiding(Thread.ofPlatform().factory());
                join(pool.newThread(() -> pooled.set(TickCpu.currentCpus()))); // grown by the tick thread
            }));
            return new Result(cpu, startup, created.get(), tick.get(), pooled.get());
        });

        assertThat(result.cpu()).isEqualTo(all[0]);
        assertThat(result.tick()).containsExactly(all[0]);
        assertThat(result.startup()).hasSize(all.length - 1).doesNotContain(all[0]);
        assertThat(result.created()).isEqualTo(result.startup());
        assertThat(result.pooled()).isEqualTo(result.startup());
    }

    @Test
    void offNothingUsableOrACpuThisProcessMayNotUseReservesNothingAndPinsNobody() throws Exception {
        int[] all = TickCpu.currentCpus();

        Result result = onNewThread(() -> {
            int off = TickCpu.reserve("off");
            int missing = TickCpu.reserve("1023");
            AtomicReference<int[]> tick = new AtomicReference<>();
            join(Thread.ofPlatform().start(() -> {
                TickCpu.enterTickThread();
                tick.set(TickCpu.currentCpus());
            }));
            return new Result(Math.max(off, missing), TickCpu.currentCpus(), null, tick.get(), null);
        });

        assertThat(result.cpu()).isEqualTo(-1);
        assertThat(result.startup()).isEqualTo(all);
        assertThat(result.tick()).isEqualTo(all);
    }

    private record Result(int cpu, int[] startup, int[] created, int[] tick, int[] pooled) {
    }

    private static Result onNewThread(java.util.function.Supplier<Result> body) throws Exception {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void join(Thread thread) {
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
