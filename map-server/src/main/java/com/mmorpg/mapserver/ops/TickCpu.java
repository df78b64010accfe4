package com.mmorpg.mapserver.ops;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
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
 * {@code sched_setaffinity} of the C library); anywhere else, or if native access is refused, the
 * server logs it once and runs unpinned.
 */
public final class TickCpu {

    private static final Logger log = LoggerFactory.getLogger(TickCpu.class);
    /** Bytes of a {@code cpu_set_t}: 1,024 CPUs. */
    private static final int MASK_BYTES = 128;

    private static volatile int reserved = -1;
    private static volatile int[] others = new int[0];
    /** The CPUs the process could use when it reserved one: what {@link #release} gives every thread back. */
    private static volatile int[] allowedBefore = new int[0];
    /** The lock file holding this process's claim, while it holds one. */
    private static FileChannel claim;

    private TickCpu() {
    }

    /** Where claims are kept unless {@code TICK_CPU_LOCK_DIR} says otherwise. */
    public static Path defaultLockDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mmorpg-tick-cpu");
    }

    /** {@link #reserve(String, Path)} with claims in {@link #defaultLockDirectory()}. */
    public static int reserve(String setting) {
        return reserve(setting, defaultLockDirectory());
    }

    /**
     * Reserves a CPU for the tick thread: {@code "off"} (nothing), {@code "auto"} (the
     * highest-numbered CPU this process may use that no other process has claimed in
     * {@code lockDirectory}, never the lowest) or a CPU number (refused if another process claimed
     * it). Needs at least two usable CPUs. Gives up any earlier reservation of this process first.
     * Returns the reserved CPU, or -1 when nothing was reserved (nothing is pinned then).
     */
    public static synchronized int reserve(String setting, Path lockDirectory) {
        release();
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("off")) {
            return -1;
        }
        int[] allowed = Native.allowedCpus();
        if (allowed.length < 2) {
            log.warn("TICK_CPU={} ignored: {} usable CPU(s) on this host", setting, allowed.length);
            return -1;
        }
        boolean auto = setting.equalsIgnoreCase("auto");
        int[] candidates = auto ? highestFirstButTheLowest(allowed) : new int[] {Integer.parseInt(setting.trim())};
        if (!auto && Arrays.stream(allowed).noneMatch(cpu -> cpu == candidates[0])) {
            log.warn("TICK_CPU={} ignored: this process may only use CPUs {}", setting, Arrays.toString(allowed));
            return -1;
        }
        for (int cpu : candidates) {
            FileChannel lock;
            try {
                lock = claim(lockDirectory, cpu);
            } catch (IOException e) {
                log.warn("TICK_CPU={} ignored: cannot claim a CPU in {} ({}); tick thread unpinned", setting, lockDirectory,
                        e.toString());
                return -1;
            }
            if (lock == null) {
                continue; // another map server on this host has it
            }
            int[] rest = Arrays.stream(allowed).filter(other -> other != cpu).toArray();
            if (!Native.pinCurrentThread(rest)) {
                closeQuietly(lock);
                return -1;
            }
            claim = lock;
            others = rest;
            allowedBefore = allowed;
            reserved = cpu;
            log.info("CPU {} reserved for the tick thread (claim {}); other threads on CPUs {}", cpu,
                    lockDirectory.resolve(lockName(cpu)), Arrays.toString(rest));
            return cpu;
        }
        if (auto) { // expected once a host has more map servers than CPUs to spare
            log.info("TICK_CPU=auto: every CPU but the lowest is claimed by other map servers on this host (claims in {}); "
                    + "tick thread unpinned", lockDirectory);
        } else {
            log.warn("TICK_CPU={} ignored: CPU {} is claimed by another map server on this host (claims in {}); tick thread unpinned",
                    setting, candidates[0], lockDirectory);
        }
        return -1;
    }

    /**
     * Gives the reserved CPU back (shutdown, tests): every thread of the process may use every CPU
     * it could before, and other processes may claim the CPU again.
     */
    public static synchronized void release() {
        if (reserved >= 0) {
            moveThreads(allowedBefore, null);
        }
        reserved = -1;
        others = new int[0];
        allowedBefore = new int[0];
        if (claim != null) {
            closeQuietly(claim);
            claim = null;
        }
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
    public static void enterTickThread() {
        int cpu = reserved;
        if (cpu >= 0 && Native.pinCurrentThread(new int[] {cpu})) {
            int moved = moveThreads(others, TickCpu::isStopTheWorldGcWorker);
            log.info("Tick thread {} on CPU {}; {} other threads of the process on CPUs {}", Thread.currentThread().getName(),
                    cpu, moved, Arrays.toString(others));
        }
    }

    /**
     * Every thread of this process onto {@code cpus}: all of them when {@code skip} is null, else all
     * but the calling one and those {@code skip} names. Returns how many moved.
     */
    private static int moveThreads(int[] cpus, Predicate<Path> skip) {
        String self;
        try {
            self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot tell this thread's id ({}): other threads stay where they are", e.toString());
            return 0;
        }
        int moved = 0;
        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String id = thread.getFileName().toString();
                if (skip != null && (id.equals(self) || skip.test(thread))) {
                    continue;
                }
                if (Native.pin(Integer.parseInt(id), cpus)) {
                    moved++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Listing this process's threads failed ({}): {} moved", e.toString(), moved);
        }
        return moved;
    }

    /** The collector's parallel workers only run while every Java thread, the tick thread too, is stopped. */
    private static boolean isStopTheWorldGcWorker(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).startsWith("GC Thread#");
        } catch (IOException e) {
            return false; // it ended meanwhile
        }
    }

    /** Keeps the calling thread off the reserved CPU, if one is (for threads the tick thread creates). */
    public static void leave() {
        if (reserved >= 0) {
            Native.pinCurrentThread(others);
        }
    }

    /** {@code factory}'s threads first step off the reserved CPU. */
    public static ThreadFactory avoiding(ThreadFactory factory) {
        return task -> factory.newThread(() -> {
            leave();
            task.run();
        });
    }

    /** The CPUs the calling thread may run on now (empty when that cannot be told). */
    public static int[] currentCpus() {
        return Native.allowedCpus();
    }

    /** The two C library calls, bound on first use. */
    private static final class Native {

        private static final MethodHandle GET;
        private static final MethodHandle SET;

        static {
            MethodHandle get = null;
            MethodHandle set = null;
            try {
                Linker linker = Linker.nativeLinker();
                FunctionDescriptor signature = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
                get = linker.downcallHandle(linker.defaultLookup().find("sched_getaffinity").orElseThrow(), signature);
                set = linker.downcallHandle(linker.defaultLookup().find("sched_setaffinity").orElseThrow(), signature);
            } catch (Throwable e) { // not Linux, or native access refused
                log.warn("CPU affinity unavailable here ({}): threads run unpinned", e.toString());
            }
            GET = get;
            SET = set;
        }

        static int[] allowedCpus() {
            if (GET == null) {
                return new int[0];
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(MASK_BYTES);
                if ((int) GET.invokeExact(0, (long) MASK_BYTES, mask) != 0) {
                    return new int[0];
                }
                List<Integer> cpus = new ArrayList<>();
                for (int cpu = 0; cpu < MASK_BYTES * 8; cpu++) {
                    if ((mask.get(ValueLayout.JAVA_BYTE, cpu >>> 3) & (1 << (cpu & 7))) != 0) {
                        cpus.add(cpu);
                    }
                }
                return cpus.stream().mapToInt(Integer::intValue).toArray();
            } catch (Throwable e) {
                return new int[0];
            }
        }

        static boolean pinCurrentThread(int[] cpus) {
            return pin(0, cpus);
        }

        /** Restricts thread {@code threadId} (0: the calling one) to {@code cpus}. */
        static boolean pin(int threadId, int[] cpus) {
            if (SET == null || cpus.length == 0) {
                return false;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(MASK_BYTES);
                for (int cpu : cpus) {
                    mask.set(ValueLayout.JAVA_BYTE, cpu >>> 3,
                            (byte) (mask.get(ValueLayout.JAVA_BYTE, cpu >>> 3) | (1 << (cpu & 7))));
                }
                int result = (int) SET.invokeExact(threadId, (long) MASK_BYTES, mask);
                if (result != 0 && threadId == 0) {
                    log.warn("sched_setaffinity({}) failed for thread {}", Arrays.toString(cpus),
                            Thread.currentThread().getName());
                }
                return result == 0;
            } catch (Throwable e) {
                log.warn("sched_setaffinity({}) failed: {}", Arrays.toString(cpus), e.toString());
                return false;
            }
        }
    }
}
