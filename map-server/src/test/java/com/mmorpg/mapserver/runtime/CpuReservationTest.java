package com.mmorpg.mapserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on threads of its own: the CPUs a thread may use stick to it (and to the threads it creates). */
class CpuReservationTest {

    @TempDir
    Path locks;
    private final List<CpuReservation> made = new CopyOnWriteArrayList<>();

    @AfterEach
    void release() {
        made.forEach(CpuReservation::close);
    }

    private CpuReservation reserve(String setting, Path directory) {
        CpuReservation reservation = CpuReservation.reserve(setting, directory);
        made.add(reservation);
        return reservation;
    }

    @Test
    void theTickThreadGetsTheReservedCpuAndEveryOtherThreadTheRest() throws Exception {
        int[] all = CpuReservation.currentCpus();
        assumeTrue(all.length >= 2, "needs a Linux host with 2+ CPUs");
        CountDownLatch ticking = new CountDownLatch(1);
        AtomicReference<int[]> older = new AtomicReference<>();
        AtomicReference<int[]> gcWorker = new AtomicReference<>();
        Thread olderThread = Thread.ofPlatform().name("started-before-the-reservation").start(() -> older.set(cpusOnceTicking(ticking)));
        Thread gcThread = Thread.ofPlatform().name("GC Thread#9").start(() -> gcWorker.set(cpusOnceTicking(ticking)));

        Result result = onNewThread(() -> {
            CpuReservation reservation = reserve("auto", locks);
            int[] startup = CpuReservation.currentCpus();
            AtomicReference<int[]> created = new AtomicReference<>();
            AtomicReference<int[]> tick = new AtomicReference<>();
            AtomicReference<int[]> pooled = new AtomicReference<>();
            join(Thread.ofPlatform().start(() -> created.set(CpuReservation.currentCpus())));
            join(Thread.ofPlatform().start(() -> {
                reservation.enterTickThread();
                tick.set(CpuReservation.currentCpus());
                ticking.countDown();
                ThreadFactory pool = reservation.avoiding(Thread.ofPlatform().factory());
                join(pool.newThread(() -> pooled.set(CpuReservation.currentCpus()))); // grown by the tick thread
            }));
            return new Result(reservation.cpu(), startup, created.get(), tick.get(), pooled.get());
        });
        join(olderThread);
        join(gcThread);

        int highest = all[all.length - 1];
        assertThat(result.cpu()).isEqualTo(highest);
        assertThat(result.tick()).containsExactly(highest);
        assertThat(result.startup()).hasSize(all.length - 1).doesNotContain(highest);
        assertThat(result.created()).isEqualTo(result.startup());
        assertThat(result.pooled()).isEqualTo(result.startup());
        assertThat(older.get()).as("a thread the JVM started earlier (a JIT compiler)").isEqualTo(result.startup());
        assertThat(gcWorker.get()).as("a stop-the-world GC worker").isEqualTo(all);
        assertThat(CpuReservation.currentCpus()).as("this test's thread, moved off too").isEqualTo(result.startup());
        made.getFirst().close();
        assertThat(CpuReservation.currentCpus()).as("every thread gets every CPU back").isEqualTo(all);
    }

    private static int[] cpusOnceTicking(CountDownLatch ticking) {
        try {
            ticking.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return CpuReservation.currentCpus();
    }

    @Test
    void offNothingUsableOrACpuThisProcessMayNotUseReservesNothingAndPinsNobody() throws Exception {
        int[] all = CpuReservation.currentCpus();

        Result result = onNewThread(() -> {
            CpuReservation off = reserve("off", locks);
            CpuReservation missing = reserve("1023", locks);
            AtomicReference<int[]> tick = new AtomicReference<>();
            join(Thread.ofPlatform().start(() -> {
                off.enterTickThread();
                missing.enterTickThread();
                tick.set(CpuReservation.currentCpus());
            }));
            return new Result(Math.max(off.cpu(), missing.cpu()), CpuReservation.currentCpus(), null, tick.get(), null);
        });

        assertThat(result.cpu()).isEqualTo(-1);
        assertThat(result.startup()).isEqualTo(all);
        assertThat(result.tick()).isEqualTo(all);
    }

    @Test
    void mapServersOnOneHostClaimDifferentCpusAndAlwaysLeaveTheLowestOneToEverythingElse() throws Exception {
        int[] all = CpuReservation.currentCpus();
        assumeTrue(all.length >= 2, "needs a Linux host with 2+ CPUs");
        int highest = all[all.length - 1];
        Path highestClaim = locks.resolve("cpu-" + highest + ".lock");

        try (FileChannel otherServer = FileChannel.open(highestClaim, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = otherServer.lock()) {
            Result whileHeld = onNewThread(() -> new Result(reserve("auto", locks).cpu(), CpuReservation.currentCpus(), null, null,
                    null));
            Result explicit = onNewThread(() -> new Result(reserve(Integer.toString(highest), locks).cpu(),
                    CpuReservation.currentCpus(), null, null, null));
            made.forEach(CpuReservation::close);

            int next = all.length >= 3 ? all[all.length - 2] : -1; // the lowest CPU is never claimed
            assertThat(whileHeld.cpu()).isEqualTo(next);
            assertThat(explicit.cpu()).as("a CPU another server claimed").isEqualTo(-1);
            assertThat(explicit.startup()).isEqualTo(all);
            assertThat(held.isValid()).isTrue();
        }

        Result afterwards = onNewThread(() -> new Result(reserve("auto", locks).cpu(), null, null, null, null));
        assertThat(afterwards.cpu()).isEqualTo(highest);
        assertThat(Files.readString(highestClaim).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        made.getLast().close();
        try (FileChannel channel = FileChannel.open(highestClaim, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            assertThat(lock).as("released on shutdown").isNotNull();
        }
    }

    @Test
    void aLockDirectoryThatCannotBeUsedLeavesEverythingUnpinned() throws Exception {
        int[] all = CpuReservation.currentCpus();
        Path notADirectory = Files.writeString(locks.resolve("file"), "x");

        Result result = onNewThread(() -> new Result(reserve("auto", notADirectory).cpu(), CpuReservation.currentCpus(), null,
                null, null));

        assertThat(result.cpu()).isEqualTo(-1);
        assertThat(result.startup()).isEqualTo(all);
    }

    @Test
    void aSecondServerInTheSameProcessNeitherTakesNorReleasesTheFirstOnesCpu() throws Exception {
        int[] all = CpuReservation.currentCpus();
        assumeTrue(all.length >= 2, "needs a Linux host with 2+ CPUs");
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<int[]> firstTickAfter = new AtomicReference<>();
        AtomicReference<CpuReservation> first = new AtomicReference<>();
        CountDownLatch firstTicking = new CountDownLatch(1);
        Thread firstServer = Thread.ofPlatform().start(() -> {
            first.set(reserve("auto", locks));
            join(Thread.ofPlatform().start(() -> { // the first server's tick thread
                first.get().enterTickThread();
                firstTicking.countDown();
                awaitQuietly(secondDone);
                firstTickAfter.set(CpuReservation.currentCpus());
            }));
        });
        assertThat(firstTicking.await(30, TimeUnit.SECONDS)).isTrue();

        // The second server starts on a thread of its own (as a test's second MapServer would) and stops again.
        Result second = onNewThread(() -> {
            CpuReservation reservation = reserve("auto", locks);
            int cpu = reservation.cpu();
            reservation.close();
            return new Result(cpu, null, null, null, null);
        });
        secondDone.countDown();
        join(firstServer);

        int firstCpu = first.get().cpu();
        assertThat(firstCpu).isEqualTo(all[all.length - 1]);
        assertThat(second.cpu()).as("never the first one's CPU").isNotEqualTo(firstCpu);
        assertThat(firstTickAfter.get()).as("the first server's tick thread after the second one stopped").containsExactly(firstCpu);
        Result third = onNewThread(() -> new Result(reserve(Integer.toString(firstCpu), locks).cpu(), null, null, null, null));
        assertThat(third.cpu()).as("the first server's claim still holds").isEqualTo(-1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
