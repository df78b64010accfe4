package com.mmorpg.mapserver.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repeating background task that one failure cannot end. A JDK or Netty scheduler cancels a
 * periodic task for good, without a word, the first time it throws; this wrapper catches what a
 * run throws (errors too), counts it, logs the first and then at most one line every ten seconds,
 * and lets the next run happen. It also says when a run last ended, so health can tell a task that
 * stopped running (a wedged scheduler) from one that runs and fails.
 */
public final class GuardedTask implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(GuardedTask.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final Runnable work;
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastEnded = System.nanoTime();
    private long failuresSinceLog;
    private long lastLog;

    public GuardedTask(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    @Override
    public void run() {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            failures.incrementAndGet();
            note(e);
        } finally {
            // An interrupt aimed at this run must not reach the scheduler's next task on this thread.
            Thread.interrupted();
            lastEnded = System.nanoTime();
        }
    }

    private synchronized void note(Throwable e) {
        failuresSinceLog++;
        long now = System.nanoTime();
        if (lastLog == 0 || now - lastLog >= LOG_EVERY_NANOS) {
            log.error("Background task '{}' failed ({} failures since the last report); it runs again on schedule",
                    name, failuresSinceLog, e);
            failuresSinceLog = 0;
            lastLog = now;
        }
    }

    /** Runs that threw. */
    public long failures() {
        return failures.get();
    }

    /** True when a run ended within {@code nanos}, or the task was created that recently. */
    public boolean endedWithin(long nanos) {
        return System.nanoTime() - lastEnded < nanos;
    }

    public String name() {
        return name;
    }
}
