package com.mmorpg.mapserver.net;

import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.ServerMessage;
import com.mmorpg.common.protocol.Snapshot;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sending of messages off the tick thread: one sender thread serializes them and writes
 * them to the sockets, in order per player. On a two-core machine that puts encoding and
 * {@code sendto} system calls on the other core.
 *
 * <p>During a tick ({@link #startBatch} to {@link #wake}, on the tick thread) messages are appended
 * to a plain array and handed over in one piece when the tick is done; a snapshot is copied into a
 * pooled one (the world reuses its own), and the pool comes back from the sender a tick's worth at a
 * time. So a tick pays an array store per message, not a lock-free queue operation, and the sender
 * stays off the cores while the tick runs. Other threads (closing a connection, a login refused)
 * queue single messages at once. When the queue is over its limit the sender is behind: snapshots
 * are dropped (the next one repairs the view), reliable messages never are.
 */
public final class OutboundQueue implements AutoCloseable {

    /** Where a player's messages finally go (a KryoNet connection; a benchmark's encoder). */
    public interface Sink {

        void deliver(ServerMessage message, boolean reliable);

        /** Closes the connection (after the messages queued before). */
        void disconnect();
    }

    /** Observes the sender (metrics). */
    public interface Observer {

        Observer NONE = new Observer() {
        };

        default void snapshotDropped() {
        }

        default void sendFailed(Throwable error) {
        }
    }

    static final int MAX_QUEUED = 200_000;
    private static final int POOL_LIMIT = 20_000;
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    private record Outgoing(Sink sink, ServerMessage message, boolean reliable, boolean disconnect) {
    }

    /** A tick's messages, in order. */
    private record Batch(Outgoing[] messages, int size) {
    }

    /**
     * Only a safety net: the sender is unparked when there is work. Not the tick's period: a sender
     * waking by itself every 50 ms landed in the middle of half the ticks and preempted them.
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Lock-free multi-producer queue of {@link Outgoing} and {@link Batch} items. */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean idle;
    private volatile boolean stopped;
    /** Snapshots the sender is done with, a tick's worth per array. */
    private final ConcurrentLinkedQueue<Snapshot[]> returned = new ConcurrentLinkedQueue<>();
    private final Observer observer;
    private final Thread sender;
    private final AtomicLong busyNanos = new AtomicLong();
    /** The thread filling {@link #batch} (the tick thread during a tick), else null. */
    private Thread batching;
    private Outgoing[] batch = new Outgoing[1024];
    private int batchSize;
    /** Pooled snapshots; used by the batching thread only. */
    private Snapshot[] free = new Snapshot[1024];
    private int freeCount;

    public OutboundQueue(String name, Observer observer) {
        this.observer = observer;
        this.sender = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        this.sender.start();
    }

    /** The calling thread's sends are batched until it calls {@link #wake} (the tick thread, as a tick starts). */
    public void startBatch() {
        batching = Thread.currentThread();
    }

    /**
     * Called by the tick thread when a tick is done: hands the tick's messages to the sender and
     * wakes it. Not waking it per message keeps it off the cores while the tick runs.
     */
    public void wake() {
        if (batching == Thread.currentThread()) {
            batching = null;
            if (batchSize > 0) {
                queued.addAndGet(batchSize);
                queue.offer(new Batch(Arrays.copyOf(batch, batchSize), batchSize));
                Arrays.fill(batch, 0, batchSize, null);
                batchSize = 0;
            }
        }
        if (idle) {
            LockSupport.unpark(sender);
        }
    }

    public void send(Sink sink, ServerMessage message, boolean reliable) {
        boolean batched = batching == Thread.currentThread();
        if (!reliable && message instanceof Snapshot snapshot) {
            if (queued.get() > MAX_QUEUED) {
                observer.snapshotDropped();
                return;
            }
            Snapshot copy = batched ? pooledSnapshot() : new Snapshot();
            copy.copyFrom(snapshot);
            message = copy;
        }
        hand(new Outgoing(sink, message, reliable, false), batched);
    }

    private void hand(Outgoing outgoing, boolean batched) {
        if (batched) {
            if (batchSize == batch.length) {
                batch = Arrays.copyOf(batch, batchSize * 2);
            }
            batch[batchSize++] = outgoing;
        } else {
            queued.incrementAndGet();
            queue.offer(outgoing);
            if (idle) { // a single message from outside a tick (a refused login, shutdown) leaves at once
                LockSupport.unpark(sender);
            }
        }
    }

    private Snapshot pooledSnapshot() {
        if (freeCount == 0) {
            Snapshot[] back;
            while (freeCount < POOL_LIMIT && (back = returned.poll()) != null) {
                if (free.length < freeCount + back.length) {
                    free = Arrays.copyOf(free, Math.max(free.length * 2, freeCount + back.length));
                }
                System.arraycopy(back, 0, free, freeCount, back.length);
                freeCount += back.length;
            }
            if (freeCount == 0) {
                return new Snapshot();
            }
        }
        Snapshot snapshot = free[--freeCount];
        free[freeCount] = null;
        return snapshot;
    }

    /** Sends {@code reason} (if any) after everything already queued, then closes the connection. */
    public void close(Sink sink, Rejected reason) {
        if (reason != null) {
            send(sink, reason, true);
        }
        hand(new Outgoing(sink, null, true, true), batching == Thread.currentThread());
    }

    public int depth() {
        return queued.get();
    }

    /** Total time the sender thread spent serializing and writing. */
    public long busyNanos() {
        return busyNanos.get();
    }

    /** Blocks until everything handed over so far has reached the sinks (tests, shutdown). */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return queued.get() <= 0;
    }

    private void run() {
        while (!stopped) {
            Object next = queue.poll();
            if (next == null) {
                idle = true;
                if (queue.isEmpty() && !stopped) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS); // woken by wake(); the timeout is a safety net
                }
                idle = false;
                continue;
            }
            long start = System.nanoTime();
            if (next instanceof Batch tick) {
                Snapshot[] used = new Snapshot[tick.size()];
                int usedCount = 0;
                for (int i = 0; i < tick.size(); i++) {
                    Outgoing outgoing = tick.messages()[i];
                    deliver(outgoing);
                    if (!outgoing.reliable() && outgoing.message() instanceof Snapshot snapshot) {
                        used[usedCount++] = snapshot;
                    }
                }
                if (usedCount > 0) {
                    returned.offer(usedCount == used.length ? used : Arrays.copyOf(used, usedCount));
                }
                queued.addAndGet(-tick.size());
            } else {
                deliver((Outgoing) next);
                queued.decrementAndGet();
            }
            busyNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private void deliver(Outgoing next) {
        try {
            if (next.disconnect()) {
                next.sink().disconnect();
            } else {
                next.sink().deliver(next.message(), next.reliable());
            }
        } catch (RuntimeException e) {
            observer.sendFailed(e);
            log.debug("Send failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(sender);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
