package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Snapshot;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sending of messages off the tick thread: a single sending thread (the network's event
 * loop) encodes them and writes them to the sockets, in order per player, and flushes once per batch.
 *
 * <p>During a tick ({@link #startBatch} to {@link #wake}, on the tick thread) messages are appended
 * to a plain array and handed over in one piece when the tick is done; a snapshot is copied into a
 * pooled one (the world reuses its own), and the pool comes back from the sender a tick's worth at a
 * time. So a tick pays an array store per message, and the sender writes a whole tick and flushes
 * it at once (with epoll, a tick's datagrams leave in a few {@code sendmmsg} calls). Other threads
 * (closing a connection, a login refused) hand single messages over at once. When more than
 * {@link #MAX_QUEUED} messages wait, the sender is behind: snapshots are dropped (the next one
 * repairs the view), reliable messages never are.
 */
public final class OutboundQueue implements AutoCloseable {

    /** Where a player's messages finally go (a connection; a benchmark's encoder). On the sending thread. */
    public interface Sink {

        /** Writes {@code message}; it reaches the socket at the next flush. */
        void deliver(ServerMessage message, boolean reliable);

        /** Closes the connection after the messages delivered before. */
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

    private final Executor sender;
    private final ExecutorService ownThread;
    private final Runnable afterDelivery;
    private final Observer observer;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong busyNanos = new AtomicLong();
    /** Snapshots the sender is done with, a tick's worth per array. */
    private final ConcurrentLinkedQueue<Snapshot[]> returned = new ConcurrentLinkedQueue<>();
    /** The thread filling {@link #batch} (the tick thread during a tick), else null. */
    private Thread batching;
    private Outgoing[] batch = new Outgoing[1024];
    private int batchSize;
    /** Pooled snapshots; used by the batching thread only. */
    private Snapshot[] free = new Snapshot[1024];
    private int freeCount;

    /**
     * Sends on {@code sender}, a single thread (the event loop); {@code afterDelivery} runs on it
     * after each batch or single message (the flush).
     */
    public OutboundQueue(Executor sender, Runnable afterDelivery, Observer observer) {
        this(sender, null, afterDelivery, observer);
    }

    /** Sends on a thread of its own (benchmarks and tests, where sinks do not write to sockets). */
    public OutboundQueue(String name, Observer observer) {
        this(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(name).daemon(true).unstarted(r)), observer);
    }

    private OutboundQueue(ExecutorService ownThread, Observer observer) {
        this(ownThread, ownThread, () -> {
        }, observer);
    }

    private OutboundQueue(Executor sender, ExecutorService ownThread, Runnable afterDelivery, Observer observer) {
        this.sender = sender;
        this.ownThread = ownThread;
        this.afterDelivery = afterDelivery;
        this.observer = observer;
    }

    /** The calling thread's sends are batched until it calls {@link #wake} (the tick thread, as a tick starts). */
    public void startBatch() {
        batching = Thread.currentThread();
    }

    /** Called by the tick thread when a tick is done: hands the tick's messages to the sender. */
    public void wake() {
        if (batching != Thread.currentThread()) {
            return;
        }
        batching = null;
        if (batchSize == 0) {
            return;
        }
        Outgoing[] tick = Arrays.copyOf(batch, batchSize);
        Arrays.fill(batch, 0, batchSize, null);
        batchSize = 0;
        queued.addAndGet(tick.length);
        execute(() -> deliverBatch(tick), tick.length);
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

    /** Sends {@code reason} (if any) after everything already queued, then closes the connection. */
    public void close(Sink sink, Rejected reason) {
        boolean batched = batching == Thread.currentThread();
        if (reason != null) {
            hand(new Outgoing(sink, reason, true, false), batched);
        }
        hand(new Outgoing(sink, null, true, true), batched);
    }

    private void hand(Outgoing outgoing, boolean batched) {
        if (batched) {
            if (batchSize == batch.length) {
                batch = Arrays.copyOf(batch, batchSize * 2);
            }
            batch[batchSize++] = outgoing;
        } else {
            queued.incrementAndGet();
            execute(() -> deliverOne(outgoing), 1);
        }
    }

    private void execute(Runnable task, int messages) {
        try {
            sender.execute(task);
        } catch (RejectedExecutionException e) { // the sender has shut down: nobody is left to send to
            queued.addAndGet(-messages);
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

    public int depth() {
        return queued.get();
    }

    /** Total time the sending thread spent encoding and writing. */
    public long busyNanos() {
        return busyNanos.get();
    }

    /** Blocks until everything handed over so far has been delivered (tests, shutdown). */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return queued.get() <= 0;
    }

    private void deliverBatch(Outgoing[] tick) {
        long start = System.nanoTime();
        Snapshot[] used = new Snapshot[tick.length];
        int usedCount = 0;
        for (Outgoing outgoing : tick) {
            deliver(outgoing);
            if (!outgoing.reliable() && outgoing.message() instanceof Snapshot snapshot) {
                used[usedCount++] = snapshot;
            }
        }
        finish();
        if (usedCount > 0) {
            returned.offer(usedCount == used.length ? used : Arrays.copyOf(used, usedCount));
        }
        queued.addAndGet(-tick.length);
        busyNanos.addAndGet(System.nanoTime() - start);
    }

    private void deliverOne(Outgoing outgoing) {
        long start = System.nanoTime();
        deliver(outgoing);
        finish();
        queued.decrementAndGet();
        busyNanos.addAndGet(System.nanoTime() - start);
    }

    private void finish() {
        try {
            afterDelivery.run();
        } catch (RuntimeException e) {
            observer.sendFailed(e);
            log.debug("Flush failed: {}", e.toString());
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

    /** Stops a sending thread of its own; with the event loop, the network stops it. */
    @Override
    public void close() {
        if (ownThread != null) {
            ownThread.shutdown();
            try {
                ownThread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
