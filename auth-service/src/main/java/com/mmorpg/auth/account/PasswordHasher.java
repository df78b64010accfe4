package com.mmorpg.auth.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt on a bounded pool of platform threads. Requests run on virtual threads; bcrypt is pure
 * CPU, so running it there would pin every carrier and stall unrelated requests. Here at most
 * {@code workers} hashes run at once, {@code queueCapacity} wait, and a request that cannot get
 * its turn within {@code maxWait} gets 503 instead of piling up.
 */
@Component
class PasswordHasher implements DisposableBean {

    static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final ThreadPoolExecutor pool;
    private final long maxWaitNanos;
    private final String dummyHash;
    private final Timer timer;
    private final MeterRegistry meters;

    PasswordHasher(PasswordProperties properties, MeterRegistry meters) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptCost());
        int workers = properties.workers() > 0 ? properties.workers() : Runtime.getRuntime().availableProcessors();
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), runnable -> {
                    Thread thread = new Thread(runnable, "bcrypt-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.prestartAllCoreThreads();
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.meters = meters;
        this.timer = Timer.builder("auth.bcrypt").description("bcrypt hash/verify time, queueing included")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("auth.bcrypt.queue", pool, p -> p.getQueue().size()).register(meters);
        // Unknown users are checked against this, so they cost as much time as known ones.
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    String hash(String password) {
        return run(() -> encoder.encode(password));
    }

    /**
     * True when {@code password} matches {@code hash}. A null hash (no such account) or an
     * over-long password is checked against a dummy hash and is false, in the same time.
     */
    boolean matches(String password, String hash) {
        boolean usable = password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        String candidate = usable ? password : "";
        String against = hash != null && usable ? hash : dummyHash;
        boolean matched = run(() -> encoder.matches(candidate, against));
        return matched && hash != null && usable;
    }

    private <T> T run(Callable<T> work) {
        long started = System.nanoTime();
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            meters.counter("auth.bcrypt.rejected", "reason", "queue_full").increment();
            throw new ServerBusyException();
        }
        try {
            return future.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            meters.counter("auth.bcrypt.rejected", "reason", "timeout").increment();
            throw new ServerBusyException();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServerBusyException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("bcrypt failed", e.getCause());
        } finally {
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
