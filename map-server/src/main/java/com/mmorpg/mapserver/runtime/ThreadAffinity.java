package com.mmorpg.mapserver.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two C library calls behind {@link CpuReservation}: {@code sched_getaffinity} and {@code
 * sched_setaffinity}, bound through the JDK's foreign function API on first use. Anywhere but
 * Linux, or when native access is refused, they are absent: one warning, and every call answers
 * "cannot tell" / "not pinned".
 */
final class ThreadAffinity {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(CpuReservation.class);
    private static final int MASK_BYTES = 128;

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

    /** The CPUs thread {@code threadId} (0: the calling one) may run on; empty when that cannot be told. */
    static int[] allowedCpus(int threadId) {
        if (GET == null) {
            return new int[0];
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BYTES);
            if ((int) GET.invokeExact(threadId, (long) MASK_BYTES, mask) != 0) {
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

    private ThreadAffinity() {
    }
}
