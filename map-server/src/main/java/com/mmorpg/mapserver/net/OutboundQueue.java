package com.mmorpg.mapserver.net;

import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.ServerMessage;
import com.mmorpg.common.protocol.Snapshot;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sending of messages off the tick thread: the tick thread only queues them (a snapshot is
 * copied into a pooled one, since the world reuses its own) and calls {@link #wake} when the tick is
 * done; one sender thread then serializes and writes them to the sockets, in order per player. On a two-core machine that puts encoding and
 * {@code sendto} system calls on the other core. When the queue is over its limit the sender is
 * behind: snapshots are dropped (the next one repairs the view), reliable messages never are.
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

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Lock-free multi-producer queue: queuing costs the tick thread a CAS, never a lock or a wake-up per message. */
    private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean idle;
    private volatile boolean stopped;
    private final ConcurrentLinkedQueue<Snapshot> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private final Observer observer;
    private final Thread sender;
    private final AtomicLong busyNanos = new AtomicLong();

    public OutboundQueue(String name, Observer observer) {
        this.observer = observer;
        this.sender = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        this.sender.start();
    }

    private void enqueue(Outgoing outgoing) {
        queued.incrementAndGet();
        queue.offer(outgoing);
    }

    /**
     * Called by the tick thread when a tick is done: the sender starts on what the tick queued.
     * Not waking it per message keeps it off the cores while the tick (and its interest workers) run.
     */
    public void wake() {
        if (idle) {
            LockSupport.unpark(sender);
        }
    }

    public void send(Sink sink, ServerMessage message, boolean reliable) {
        if (!reliable && message instanceof Snapshot snapshot) {
            if (queued.get() > MAX_QUEUED) {
                observer.snapshotDropped();
                return;
            }
            Snapshot copy = pool.poll();
            if (copy == null) {
                copy = new Snapshot();
            } else {
                pooled.decrementAndGet();
            }
            copy.copyFrom(snapshot);
            message = copy;
        }
        enqueue(new Outgoing(sink, message, reliable, false));
    }

    /** Sends {@code reason} (if any) after everything already queued, then closes the connection. */
    public void close(Sink sink, Rejected reason) {
        if (reason != null) {
            enqueue(new Outgoing(sink, reason, true, false));
        }
        enqueue(new Outgoing(sink, null, true, true));
        wake(); // closes come from any thread, one at a time
    }

    public int depth() {
        return queued.get();
    }

    /** Total time the sender thread spent serializing and writing. */
    public long busyNanos() {
        return busyNanos.get();
    }

    /** Blocks until everything queued so far has been handed to the sinks (tests, shutdown). */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return queue.isEmpty();
    }

    private void run() {
        while (!stopped) {
            Outgoing next = queue.poll();
            if (next == null) {
                idle = true;
                if (queue.isEmpty() && !stopped) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS); // woken by wake(); the timeout is a safety net
                }
                idle = false;
                continue;
            }
            queued.decrementAndGet();
            long start = System.nanoTime();
            try {
                if (next.disconnect()) {
                    next.sink().disconnect();
                } else {
                    next.sink().deliver(next.message(), next.reliable());
                }
            } catch (RuntimeException e) {
                observer.sendFailed(e);
                log.debug("Send failed: {}", e.toString());
            } finally {
                if (!next.reliable() && next.message() instanceof Snapshot snapshot && pooled.get() < POOL_LIMIT) {
                    pooled.incrementAndGet();
                    pool.offer(snapshot);
                }
                busyNanos.addAndGet(System.nanoTime() - start);
            }
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
