package com.mmorpg.mapserver.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the tick thread a CPU of its own ({@code TICK_CPU=auto}, the default; the Docker image
 * says {@code off}, see below). On a small VM the scheduler happily runs a just-woken thread (a
 * network reader, the sender, an interest helper) on the tick thread's CPU and takes it away from
 * the tick for a whole time slice (3-4 ms): that is what made most slow ticks slow. With a
 * reserved CPU, {@link #reserve} restricts the calling (startup) thread, and so every thread
 * created from it afterwards, to the other CPUs; the tick thread moves onto the reserved one
 * ({@link #enterTickThread}); thread pools that the tick thread may grow use {@link #avoiding} so
 * their threads leave it; and when the tick thread enters, the JVM's own threads that run beside it
 * (JIT compilers, the collector's concurrent threads) are moved off too. Only the collector's stop-the-world workers keep every CPU: during a pause the tick
 * thread is stopped anyway, and squeezing them onto fewer CPUs would only lengthen the pause.
 *
 * <p>Several map servers on one host each claim a different CPU: a claim is an exclusive lock on
 * {@code <lock directory>/cpu-<n>.lock} ({@code TICK_CPU_LOCK_DIR}), which the operating system
 * drops when the process ends, so a crashed server never leaves a CPU claimed. {@code auto} takes
 * the highest-numbered CPU nobody has claimed, and never the lowest one this process may use: that
 * one stays for everything else (the network, the other servers' helpers, the system). When
 * nothing is left to claim the server runs unpinned and says so. The claim is only as wide as the
 * lock directory is shared: processes on one host share the default (under {@code java.io.tmpdir});
 * containers sharing a host's CPUs need one mounted directory, and containers with CPUs of their
 * own (Kubernetes' static CPU manager) need nothing; hence {@code off} in the image.
 *
 * <p>Linux only, through the JDK's foreign function API ({@code sched_getaffinity} /
 * {@code sched_setaffinity} of the C library, {@link ThreadAffinity}); anywhere else, or if native access is refused, the
 * server logs it once and runs unpinned.
 *
 * <p>A reservation is an object owned by the map server that made it, and released by it
 * ({@link #close}): two servers in one JVM hold two claims, and releasing one moves back only the
 * threads that reservation placed.
 */
public final class CpuReservation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CpuReservation.class);
    /** Bytes of a {@code cpu_set_t}: 1,024 CPUs. */

    /** No CPU reserved: threads stay where they are. */
    public static final CpuReservation NONE = new CpuReservation(-1, new int[0], new int[0], null);

    private final int cpu;
    /** The CPUs left to every other thread. */
    private final int[] others;
    /** The CPUs the process could use when the CPU was reserved: what {@link #close} gives back. */
    private final int[] allowedBefore;
    private FileChannel claim;
    private boolean released;

    private CpuReservation(int cpu, int[] others, int[] allowedBefore, FileChannel claim) {
        this.cpu = cpu;
        this.others = others;
        this.allowedBefore = allowedBefore;
        this.claim = claim;
    }

    /** The reserved CPU, or -1 when none is. */
    public int cpu() {
        return cpu;
    }

    /** Where claims are kept unless {@code TICK_CPU_LOCK_DIR} says otherwise. */
    public static Path defaultLockDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mmorpg-tick-cpu");
    }

    /** {@link #reserve(String, Path)} with claims in {@link #defaultLockDirectory()}. */
    public static CpuReservation reserve(String setting) {
        return reserve(setting, defaultLockDirectory());
    }

    /**
     * Reserves a CPU for the tick thread: {@code "off"} (nothing), {@code "auto"} (the
     * highest-numbered CPU this process may use that no other process has claimed in
     * {@code lockDirectory}, never the lowest) or a CPU number (refused if another process claimed
     * it). Needs at least two usable CPUs. Returns {@link #NONE} when nothing was reserved (nothing
     * is pinned then).
     */
    public static synchronized CpuReservation reserve(String setting, Path lockDirectory) {
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("off")) {
            return NONE;
        }
        int[] allowed = ThreadAffinity.allowedCpus(0);
        if (allowed.length < 2) {
            log.warn("TICK_CPU={} ignored: {} usable CPU(s) on this host", setting, allowed.length);
            return NONE;
        }
        boolean auto = setting.equalsIgnoreCase("auto");
        int[] candidates = auto ? highestFirstButTheLowest(allowed) : new int[] {Integer.parseInt(setting.trim())};
        if (!auto && Arrays.stream(allowed).noneMatch(cpu -> cpu == candidates[0])) {
            log.warn("TICK_CPU={} ignored: this process may only use CPUs {}", setting, Arrays.toString(allowed));
            return NONE;
        }
        for (int cpu : candidates) {
            FileChannel lock;
            try {
                lock = claim(lockDirectory, cpu);
            } catch (IOException e) {
                log.warn("TICK_CPU={} ignored: cannot claim a CPU in {} ({}); tick thread unpinned", setting, lockDirectory,
                        e.toString());
                return NONE;
            }
            if (lock == null) {
                continue; // another map server on this host has it
            }
            int[] rest = Arrays.stream(allowed).filter(other -> other != cpu).toArray();
            if (!ThreadAffinity.pinCurrentThread(rest)) {
                closeQuietly(lock);
                return NONE;
            }
            log.info("CPU {} reserved for the tick thread (claim {}); other threads on CPUs {}", cpu,
                    lockDirectory.resolve(lockName(cpu)), Arrays.toString(rest));
            return new CpuReservation(cpu, rest, allowed, lock);
        }
        if (auto) { // expected once a host has more map servers than CPUs to spare
            log.info("TICK_CPU=auto: every CPU but the lowest is claimed by other map servers on this host (claims in {}); "
                    + "tick thread unpinned", lockDirectory);
        } else {
            log.warn("TICK_CPU={} ignored: CPU {} is claimed by another map server on this host (claims in {}); tick thread unpinned",
                    setting, candidates[0], lockDirectory);
        }
        return NONE;
    }

    /**
     * Gives the reserved CPU back (shutdown, tests): the threads this reservation placed (on the
     * reserved CPU, or on the others) may use every CPU they could before, and other processes may
     * claim the CPU again. Threads another reservation placed stay where they are. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (cpu < 0 || released) {
            return;
        }
        released = true;
        moveThreads(allowedBefore, thread -> !placedHere(thread));
        closeQuietly(claim);
        claim = null;
    }

    /** Whether a thread runs where this reservation put it: on the reserved CPU alone, or on exactly the others. */
    private boolean placedHere(int threadId) {
        int[] now = ThreadAffinity.allowedCpus(threadId);
        return Arrays.equals(now, others) || Arrays.equals(now, new int[] {cpu});
    }

    private static int[] highestFirstButTheLowest(int[] allowed) {
        int[] candidates = new int[allowed.length - 1];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = allowed[allowed.length - 1 - i];
        }
        return candidates;
    }

    /** An exclusive lock on the CPU's file, or null when another process (or this one) holds it. */
    private static FileChannel claim(Path directory, int cpu) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(lockName(cpu)), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
                return channel; // who holds it, for an operator reading the file
            }
        } catch (OverlappingFileLockException held) {
            // this process already holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
        closeQuietly(channel);
        return null;
    }

    private static String lockName(int cpu) {
        return "cpu-" + cpu + ".lock";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            log.debug("Closing a CPU claim failed: {}", e.toString());
        }
    }

    /**
     * Moves the calling thread (the tick thread) onto the reserved CPU, if one is, and every other
     * thread of the process that is not a stop-the-world GC worker off it: the JIT compilers and
     * the collector's concurrent threads, which the JVM started before the reservation and which
     * otherwise take the tick's CPU for whole time slices. Threads the JVM starts later inherit
     * their (moved) creator's CPUs.
     */
    public void enterTickThread() {
        if (cpu >= 0 && !released && ThreadAffinity.pinCurrentThread(new int[] {cpu})) {
            int moved = moveThreads(others, thread -> isSelf(thread) || isStopTheWorldGcWorker(thread));
            log.info("Tick thread {} on CPU {}; {} other threads of the process on CPUs {}", Thread.currentThread().getName(),
                    cpu, moved, Arrays.toString(others));
        }
    }

    /** Every thread of this process but those {@code skip} names onto {@code cpus}; returns how many moved. */
    private static int moveThreads(int[] cpus, IntPredicate skip) {
        int moved = 0;
        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                int id = Integer.parseInt(thread.getFileName().toString());
                if (!skip.test(id) && ThreadAffinity.pin(id, cpus)) {
                    moved++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Listing this process's threads failed ({}): {} moved", e.toString(), moved);
        }
        return moved;
    }

    /** Whether {@code threadId} is the calling thread (false when that cannot be told: then it is moved too). */
    private static boolean isSelf(int threadId) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString()
                    .equals(Integer.toString(threadId));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The collector's parallel workers only run while every Java thread, the tick thread too, is stopped. */
    private static boolean isStopTheWorldGcWorker(int threadId) {
        try {
            return Files.readString(Path.of("/proc/self/task", Integer.toString(threadId), "comm")).startsWith("GC Thread#");
        } catch (IOException e) {
            return false; // it ended meanwhile
        }
    }

    /** Keeps the calling thread off the reserved CPU, if one is (for threads the tick thread creates). */
    public void leave() {
        if (cpu >= 0 && !released) {
            ThreadAffinity.pinCurrentThread(others);
        }
    }

    /** {@code factory}'s threads first step off the reserved CPU. */
    public ThreadFactory avoiding(ThreadFactory factory) {
        if (cpu < 0) {
            return factory;
        }
        return task -> factory.newThread(() -> {
            leave();
            task.run();
        });
    }

    /** The CPUs the calling thread may run on now (empty when that cannot be told). */
    public static int[] currentCpus() {
        return ThreadAffinity.allowedCpus(0);
    }
}
