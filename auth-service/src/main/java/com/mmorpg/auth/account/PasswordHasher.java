package com.mmorpg.auth.account;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt on a bounded pool of platform threads. Requests run on virtual threads; bcrypt is pure
 * CPU, so running it there would pin every carrier and stall unrelated requests. Here at most
 * {@code workers} hashes run at once and {@code queueCapacity} wait, served round-robin by client
 * address ({@link FairWorkQueue}) with at most {@code queuePerAddress} waiting per address, so a few
 * addresses flooding logins cannot starve everyone else. A request that cannot get its turn within
 * {@code maxWait} gets 503, and so does one that would surely not get it (more waiting than the
 * workers can start in that time); one over its address's share gets 429. Once a worker has started
 * a hash, its caller waits for the result: the work is done anyway.
 *
 * <p>A request that gives up takes its hash out of the queue, or, when a worker already runs it,
 * lets it finish without interrupting the worker (one bcrypt is bounded; an interrupt used to outlive
 * the task and end the worker for good). {@link #state()} tells health whether hashing still works.
 */
@Component
class PasswordHasher implements DisposableBean {

    static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final FairWorkQueue pool;
    private final long maxWaitNanos;
    private final String dummyHash;
    private final Timer timer;
    private final MeterRegistry meters;
    private final int workers;
    private final long stallAfterNanos;
    private final AtomicLong lastRefusedNanos = new AtomicLong(Long.MIN_VALUE);
    /** Moving average of one hash's time on a worker (0 until the first). */
    private final AtomicLong hashNanos = new AtomicLong();
    private final int queueCapacity;
    /** A hash a worker has started is awaited this long at most (then 503; the worker still finishes it). */
    private final long runningCapNanos;

    /** What health reads: the pool's size and life, and whether it is stalled. */
    record State(int workers, int alive, int running, int queued, long replaced, boolean stalled) {
    }

    PasswordHasher(PasswordProperties properties, MeterRegistry meters) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptCost());
        int workers = properties.workers() > 0 ? properties.workers() : Runtime.getRuntime().availableProcessors();
        this.workers = workers;
        this.pool = new FairWorkQueue("bcrypt", workers, properties.queueCapacity(), properties.queuePerAddress());
        this.maxWaitNanos = properties.maxWait().toNanos();
        // "Refused everything for a while": no hash ended for this long while requests were turned away.
        this.stallAfterNanos = Math.max(TimeUnit.SECONDS.toNanos(10), 5 * maxWaitNanos);
        this.runningCapNanos = stallAfterNanos;
        this.queueCapacity = properties.queueCapacity();
        this.meters = meters;
        this.timer = Timer.builder("auth.bcrypt").description("bcrypt hash/verify time, queueing included")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("auth.bcrypt.queue", pool, FairWorkQueue::queued).register(meters);
        Gauge.builder("auth.bcrypt.running", pool, FairWorkQueue::running)
                .description("bcrypt hashes running now").register(meters);
        Gauge.builder("auth.bcrypt.workers.alive", pool, FairWorkQueue::alive)
                .description("bcrypt workers alive").register(meters);
        FunctionCounter.builder("auth.bcrypt.workers.replaced", pool, FairWorkQueue::replaced)
                .description("bcrypt workers that ended unexpectedly and were started again").register(meters);
        // Unknown users are checked against this, so they cost as much time as known ones.
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    /** @param client the caller's address key ({@code ClientAddress}), whose turn the hash waits for */
    String hash(String password, String client) {
        return run(client, () -> encoder.encode(password));
    }

    /**
     * True when {@code password} matches {@code hash}. A null hash (no such account) or an
     * over-long password is checked against a dummy hash and is false, in the same time.
     */
    boolean matches(String password, String hash, String client) {
        boolean usable = password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        String candidate = usable ? password : "";
        String against = hash != null && usable ? hash : dummyHash;
        boolean matched = run(client, () -> encoder.matches(candidate, against));
        return matched && hash != null && usable;
    }

    private <T> T run(String client, Callable<T> work) {
        long started = System.nanoTime();
        String key = client == null ? "" : client;
        FutureTask<T> future;
        try {
            future = pool.submit(key, measured(work), admissible());
        } catch (FairWorkQueue.RefusedException e) {
            if (e.refusal() == FairWorkQueue.Refusal.CLIENT_SHARE) {
                meters.counter("auth.bcrypt.rejected", "reason", "address_share").increment();
                throw new TooManyConcurrentException();
            }
            meters.counter("auth.bcrypt.rejected", "reason", "queue_full").increment();
            lastRefusedNanos.set(System.nanoTime());
            throw new ServerBusyException();
        }
        try {
            try {
                return future.get(maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (pool.withdraw(key, future)) { // never started: its place goes to the next caller
                    future.cancel(false);
                    refused("timeout");
                    throw new ServerBusyException();
                }
                // A worker runs it already. One bcrypt is bounded: waiting for it costs less than
                // throwing away the work (under overload, most hashes taken near the deadline were).
                return future.get(runningCapNanos, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            future.cancel(false); // never interrupts: the worker finishes the hash and goes on
            refused("stuck");
            throw new ServerBusyException();
        } catch (InterruptedException e) {
            giveUp(key, future);
            Thread.currentThread().interrupt();
            throw new ServerBusyException();
        } catch (CancellationException e) { // the pool closed under it: shutting down
            throw new ServerBusyException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("bcrypt failed", e.getCause());
        } finally {
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void refused(String reason) {
        meters.counter("auth.bcrypt.rejected", "reason", reason).increment();
        lastRefusedNanos.set(System.nanoTime());
    }

    /** The work, timed: how long a hash takes here, now, decides how many may wait (see {@link #admissible}). */
    private <T> Callable<T> measured(Callable<T> work) {
        return () -> {
            long start = System.nanoTime();
            try {
                return work.call();
            } finally {
                long took = System.nanoTime() - start;
                hashNanos.getAndUpdate(average -> average == 0 ? took : average + (took - average) / 8);
            }
        };
    }

    /**
     * How many hashes may wait: no more than the workers can start within {@code maxWait} at the
     * current hash time. A caller beyond that would wait only to time out, so it hears 503 at once
     * and retries later (a queue longer than that is how a burst used to serve nobody in time).
     */
    int admissible() {
        long average = hashNanos.get();
        if (average <= 0) {
            return queueCapacity;
        }
        long startable = workers * maxWaitNanos / average;
        return (int) Math.clamp(startable, Math.min(workers, queueCapacity), queueCapacity);
    }

    /** Out of the queue if no worker took it yet; else it runs to its end, its result unread. Never interrupts. */
    private void giveUp(String key, FutureTask<?> future) {
        pool.withdraw(key, future);
        future.cancel(false);
    }

    State state() {
        long now = System.nanoTime();
        // Progress counts from the later of the last finished hash and the moment the pool last went
        // from idle to busy: after a quiet spell, a burst's first refusals are not a stall.
        long progress = Math.max(pool.lastFinishedNanos(), pool.busySinceNanos());
        long lastRefused = lastRefusedNanos.get();
        boolean stalled = lastRefused != Long.MIN_VALUE && lastRefused - progress > 0 && now - progress > stallAfterNanos;
        return new State(workers, pool.alive(), pool.running(), pool.queued(), pool.replaced(), stalled);
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
