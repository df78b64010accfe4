package com.mmorpg.auth.account;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded work queue served round-robin by client: each turn a worker takes the oldest task of
 * the client whose turn it is, so one client with a hundred waiting hashes delays another client's
 * single hash by at most one hash per client ahead of it, not by a hundred. A client may have at
 * most {@code perKey} tasks waiting and all clients together {@code capacity}.
 */
final class FairWorkQueue implements AutoCloseable {

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
    private final int capacity;
    private final int perKey;
    private final Thread[] workers;
    private int queued;
    private volatile boolean closed;

    FairWorkQueue(String name, int workers, int capacity, int perKey) {
        this.capacity = capacity;
        this.perKey = perKey;
        this.workers = new Thread[workers];
        AtomicInteger number = new AtomicInteger();
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, name + "-" + number.incrementAndGet());
            worker.setDaemon(true);
            this.workers[i] = worker;
            worker.start();
        }
    }

    <T> FutureTask<T> submit(String key, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        lock.lock();
        try {
            if (closed || queued >= capacity) {
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
            mine.add(task);
            queued++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return task;
    }

    int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    private FutureTask<?> next() throws InterruptedException {
        lock.lock();
        try {
            while (queued == 0) {
                notEmpty.await();
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
        while (!closed) {
            try {
                next().run(); // a task whose caller gave up was cancelled and does nothing
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            worker.interrupt();
        }
    }
}
