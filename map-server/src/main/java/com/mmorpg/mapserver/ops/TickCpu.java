package com.mmorpg.mapserver.ops;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optionally gives the tick thread a CPU of its own ({@code TICK_CPU}). On a small VM the
 * scheduler happily runs a just-woken thread (a network reader, the sender, an interest helper) on
 * the tick thread's CPU and takes it away from the tick for a whole time slice (3-4 ms): that is
 * what made most slow ticks slow. With a reserved CPU, {@link #reserve} restricts the calling
 * (startup) thread, and so every thread created from it afterwards, to the other CPUs; the tick
 * thread moves onto the reserved one ({@link #enterTickThread}); thread pools that the tick thread
 * may grow use {@link #avoiding} so their threads leave it. JVM-internal threads (GC, JIT) are not
 * restricted. Only for a host (or VM) that runs one map server: several map servers on one host
 * must each be given a different CPU, or none.
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

    private TickCpu() {
    }

    /**
     * Reserves a CPU for the tick thread: {@code "off"} (nothing), {@code "auto"} (the first CPU this
     * process may use) or a CPU number. Needs at least two usable CPUs. Returns the reserved CPU, or
     * -1 when nothing was reserved.
     */
    public static int reserve(String setting) {
        reserved = -1;
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("off")) {
            return -1;
        }
        int[] allowed = Native.allowedCpus();
        if (allowed.length < 2) {
            log.warn("TICK_CPU={} ignored: {} usable CPU(s) on this host", setting, allowed.length);
            return -1;
        }
        int cpu = setting.equalsIgnoreCase("auto") ? allowed[0] : Integer.parseInt(setting.trim());
        List<Integer> rest = new ArrayList<>();
        boolean found = false;
        for (int candidate : allowed) {
            if (candidate == cpu) {
                found = true;
            } else {
                rest.add(candidate);
            }
        }
        if (!found) {
            log.warn("TICK_CPU={} ignored: this process may only use CPUs {}", setting, java.util.Arrays.toString(allowed));
            return -1;
        }
        others = rest.stream().mapToInt(Integer::intValue).toArray();
        if (!Native.pinCurrentThread(others)) {
            return -1;
        }
        reserved = cpu;
        log.info("CPU {} reserved for the tick thread; other threads on CPUs {}", cpu, rest);
        return cpu;
    }

    /** Moves the calling thread (the tick thread) onto the reserved CPU, if one is. */
    public static void enterTickThread() {
        int cpu = reserved;
        if (cpu >= 0) {
            Native.pinCurrentThread(new int[] {cpu});
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
            if (SET == null || cpus.length == 0) {
                return false;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mask = arena.allocate(MASK_BYTES);
                for (int cpu : cpus) {
                    mask.set(ValueLayout.JAVA_BYTE, cpu >>> 3,
                            (byte) (mask.get(ValueLayout.JAVA_BYTE, cpu >>> 3) | (1 << (cpu & 7))));
                }
                int result = (int) SET.invokeExact(0, (long) MASK_BYTES, mask);
                if (result != 0) {
                    log.warn("sched_setaffinity({}) failed for thread {}", java.util.Arrays.toString(cpus),
                            Thread.currentThread().getName());
                }
                return result == 0;
            } catch (Throwable e) {
                log.warn("sched_setaffinity({}) failed: {}", java.util.Arrays.toString(cpus), e.toString());
                return false;
            }
        }
    }
}
