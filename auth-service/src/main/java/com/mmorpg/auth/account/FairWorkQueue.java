package com.mmorpg.auth.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded work queue served round-robin by client: each turn a worker takes the oldest task of
 * the client whose turn it is, so one client with a hundred waiting hashes delays another client's
 * single hash by at most one hash per client ahead of it, not by a hundred. A client may have at
 * most {@code perKey} tasks waiting and all clients together {@code capacity}.
 *
 * <p>Workers cannot die of their work: only {@link #close()} ends them. An interrupt meant for a
 * task (a caller that gave up and cancelled it) is cleared once the task ends and never ends the
 * worker's wait for the next one; a worker that ends anyway (an error outside its task) is
 * replaced at once and counted. A caller that stops waiting {@link #withdraw withdraws} its task,
 * so an abandoned request does not hold a place in the queue.
 */
final class FairWorkQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FairWorkQueue.class);

    /** Why a task was not queued. */
    enum Refusal { FULL, CLIENT_SHARE }

    static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Clients with waiting work, in turn order: a served client goes to the back. */
    private final LinkedHashMap<String, ArrayDeque<FutureTask<?>>> waiting = new LinkedHashMap<>();
    private final String name;
    private final int capacity;
    private final int perKey;
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong lastFinishedNanos = new AtomicLong(System.nanoTime());
    /** When the pool last went from idle (nothing queued or running) to busy. Guarded by {@link #lock}. */
    private long busySinceNanos = System.nanoTime();
    private int queued;
    private volatile boolean closed;

    FairWorkQueue(String name, int workers, int capacity, int perKey) {
        this.name = name;
        this.capacity = capacity;
        this.perKey = perKey;
        for (int i = 0; i < workers; i++) {
            startWorker();
        }
    }

    <T> FutureTask<T> submit(String key, Callable<T> work) {
        return submit(key, new FutureTask<>(work), capacity);
    }

    /** Queues {@code work} unless {@code limit} (at most the capacity) tasks wait already. */
    <T> FutureTask<T> submit(String key, Callable<T> work, int limit) {
        return submit(key, new FutureTask<>(work), limit);
    }

    /** Queues a task of the caller's own making (tests use one whose {@code run} itself fails). */
    <T> FutureTask<T> submit(String key, FutureTask<T> task) {
        return submit(key, task, capacity);
    }

    private <T> FutureTask<T> submit(String key, FutureTask<T> task, int limit) {
        lock.lock();
        try {
            if (closed || queued >= Math.min(capacity, limit)) {
                throw new RefusedException(Refusal.FULL);
            }
            ArrayDeque<FutureTask<?>> mine = waiting.get(key);
            if (mine != null && mine.size() >= perKey) {
                throw new RefusedException(Refusal.CLIENT_SHARE);
            }
            if (mine == null) {
                mine = new ArrayDeque<>();
                waiting.put(key, mine);
            }
            if (queued == 0 && running.get() == 0) {
                busySinceNanos = System.nanoTime();
            }
            mine.add(task);
            queued++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return task;
    }

    /**
     * Takes a task that no worker has started out of the queue, freeing its place; true when it was
     * still waiting. A task already taken runs to its end (see {@link PasswordHasher}).
     */
    boolean withdraw(String key, FutureTask<?> task) {
        lock.lock();
        try {
            ArrayDeque<FutureTask<?>> mine = waiting.get(key);
            if (mine == null || !mine.remove(task)) {
                return false;
            }
            if (mine.isEmpty()) {
                waiting.remove(key);
            }
            queued--;
            return true;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Workers alive now; equal to the pool's size unless one is being replaced or the queue is closed. */
    int alive() {
        return alive.get();
    }

    /** Tasks running now. */
    int running() {
        return running.get();
    }

    /** Workers that ended other than by {@link #close()} and were started again. */
    long replaced() {
        return replaced.get();
    }

    /** {@link System#nanoTime()} when the pool last went from idle to busy (or the queue started). */
    long busySinceNanos() {
        lock.lock();
        try {
            return busySinceNanos;
        } finally {
            lock.unlock();
        }
    }

    /** {@link System#nanoTime()} when a task last ended (or the queue started). */
    long lastFinishedNanos() {
        return lastFinishedNanos.get();
    }

    private void startWorker() {
        Thread worker = Thread.ofPlatform().name(name + "-" + numbers.incrementAndGet()).daemon(true)
                .unstarted(this::work);
        alive.incrementAndGet();
        try {
            worker.start();
        } catch (RuntimeException | Error e) {
            alive.decrementAndGet();
            throw e;
        }
    }

    /** The next task, or null once the queue is closed. Interrupts do not end the wait. */
    private FutureTask<?> next() {
        lock.lock();
        try {
            while (queued == 0 && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            if (closed) {
                return null;
            }
            Iterator<Map.Entry<String, ArrayDeque<FutureTask<?>>>> turn = waiting.entrySet().iterator();
            Map.Entry<String, ArrayDeque<FutureTask<?>>> first = turn.next();
            turn.remove();
            FutureTask<?> task = first.getValue().poll();
            if (!first.getValue().isEmpty()) {
                waiting.put(first.getKey(), first.getValue());
            }
            queued--;
            return task;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        try {
            FutureTask<?> task;
            while ((task = next()) != null) {
                running.incrementAndGet();
                Thread.interrupted(); // one that reached the wait (awaitUninterruptibly sets it again) is not the task's
                try {
                    task.run(); // a task whose caller gave up was cancelled and does nothing
                } finally {
                    running.decrementAndGet();
                    lastFinishedNanos.set(System.nanoTime());
                    // An interrupt aimed at the task that just ended must not reach the next one.
                    Thread.interrupted();
                }
            }
            alive.decrementAndGet();
        } catch (Throwable e) {
            alive.decrementAndGet();
            if (!closed) {
                log.error("Worker {} ended unexpectedly; starting a replacement", Thread.currentThread().getName(), e);
                startWorker();
                replaced.incrementAndGet();
            }
        }
    }

    /** Stops the workers once their current task ends; tasks still waiting are cancelled. */
    @Override
    public void close() {
        List<FutureTask<?>> abandoned = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            waiting.values().forEach(abandoned::addAll);
            waiting.clear();
            queued = 0;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        abandoned.forEach(task -> task.cancel(false));
    }
}
