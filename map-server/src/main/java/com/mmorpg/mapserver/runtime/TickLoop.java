package com.mmorpg.mapserver.runtime;

import com.mmorpg.mapserver.sim.World;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tick thread: runs {@link World#tick} at a fixed rate. A late tick is followed by ticks back to
 * back until the schedule is met again, but never more than {@link #MAX_CATCH_UP_TICKS}: further
 * behind, the missed ticks are skipped (counted, logged) instead of spiralling. A tick, or a hook
 * around it, that throws is logged and counted; the loop goes on. An interrupt neither ends nor spins
 * it: only {@link #close()} stops the thread.
 */
public final class TickLoop implements AutoCloseable {

    /** What the loop reports of its ticks (metrics). */
    public interface Observer {

        Observer NONE = new Observer() {
        };

        /**
         * @param nanos wall time of the tick
         * @param cpuNanos the tick thread's CPU time for it (what the tick cost without the time the
         *        thread was not running: on a shared machine, preemption and steal), -1 if unknown
         */
        default void tickCompleted(long nanos, long cpuNanos, boolean overrun) {
        }

        default void ticksSkipped(long ticks) {
        }

        default void tickFailed() {
        }
    }

    /** What runs on the tick thread around the ticks (the network's batching, CPU placement). */
    public interface Hooks {

        Hooks NONE = new Hooks() {
        };

        /** Once, on the tick thread, before its first tick. */
        default void threadStarted() {
        }

        /** Before every tick (the network batches what the tick sends). */
        default void beforeTick() {
        }

        /** After every tick (the network starts sending what the tick queued). */
        default void afterTick() {
        }
    }

    static final int MAX_CATCH_UP_TICKS = 5;
    private static final Logger log = LoggerFactory.getLogger(TickLoop.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    private final World world;
    private final long periodNanos;
    private final Observer observer;
    private final Hooks hooks;
    private final Thread thread;
    private volatile boolean running = true;
    private long overrunsSinceLog;
    private long lastOverrunLog;
    private long failuresSinceLog;
    private long lastFailureLog;

    public TickLoop(World world, String name, Observer observer, Hooks hooks) {
        this.world = world;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / world.settings().tickRate();
        this.observer = observer;
        this.hooks = hooks;
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this::run);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        guarded("thread start", hooks::threadStarted);
        long next = System.nanoTime();
        while (running) {
            // Only close() ends the loop: an interrupt is cleared, or parkNanos would return at once
            // and the loop would spin between ticks.
            Thread.interrupted();
            guarded("before tick", hooks::beforeTick);
            long cpuStart = cpuTime();
            long start = System.nanoTime();
            guarded("tick", world::tick);
            long took = System.nanoTime() - start;
            long cpu = cpuStart < 0 ? -1 : cpuTime() - cpuStart;
            guarded("after tick", hooks::afterTick);
            boolean overrun = took > periodNanos;
            guarded("tick observer", () -> observer.tickCompleted(took, cpu, overrun));
            if (overrun) {
                noteOverrun(took);
            }
            next += periodNanos;
            long now = System.nanoTime();
            long behind = now - next;
            if (behind > MAX_CATCH_UP_TICKS * periodNanos) {
                long skipped = behind / periodNanos;
                guarded("tick observer", () -> observer.ticksSkipped(skipped));
                log.warn("Tick loop {} ticks behind at tick {}: skipping them instead of catching up", skipped,
                        world.currentTick());
                next = now;
            }
            while (running && (now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
                Thread.interrupted();
            }
        }
    }

    /**
     * Runs one step of the tick; what it throws is counted and logged (the first, then at most one
     * line every ten seconds with how many more), and the world goes on with the next step.
     */
    private void guarded(String step, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failuresSinceLog++;
            try {
                observer.tickFailed();
            } catch (RuntimeException | Error ignored) {
                // the observer is metrics; a failure there must not stop the loop either
            }
            long now = System.nanoTime();
            if (lastFailureLog == 0 || now - lastFailureLog >= LOG_EVERY_NANOS) {
                log.error("Tick {} failed in {} ({} failures since the last report); the world goes on",
                        world.currentTick(), step, failuresSinceLog, e);
                failuresSinceLog = 0;
                lastFailureLog = now;
            }
        }
    }

    private long cpuTime() {
        return cpuClock ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private void noteOverrun(long took) {
        overrunsSinceLog++;
        long now = System.nanoTime();
        if (now - lastOverrunLog >= LOG_EVERY_NANOS) {
            log.warn("Tick overrun: tick {} took {} ms (budget {} ms); {} overruns since the last report",
                    world.currentTick(), took / 1_000_000.0, periodNanos / 1_000_000.0, overrunsSinceLog);
            overrunsSinceLog = 0;
            lastOverrunLog = now;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
