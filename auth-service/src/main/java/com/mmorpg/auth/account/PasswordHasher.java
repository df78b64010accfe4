package com.mmorpg.auth.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt on a bounded pool of platform threads. Requests run on virtual threads; bcrypt is pure
 * CPU, so running it there would pin every carrier and stall unrelated requests. Here at most
 * {@code workers} hashes run at once and {@code queueCapacity} wait, served round-robin by client
 * address ({@link FairWorkQueue}) with at most {@code queuePerAddress} waiting per address, so a few
 * addresses flooding logins cannot starve everyone else. A request that cannot get its turn within
 * {@code maxWait} gets 503; one over its address's share gets 429.
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

    PasswordHasher(PasswordProperties properties, MeterRegistry meters) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptCost());
        int workers = properties.workers() > 0 ? properties.workers() : Runtime.getRuntime().availableProcessors();
        this.pool = new FairWorkQueue("bcrypt", workers, properties.queueCapacity(), properties.queuePerAddress());
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.meters = meters;
        this.timer = Timer.builder("auth.bcrypt").description("bcrypt hash/verify time, queueing included")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("auth.bcrypt.queue", pool, FairWorkQueue::queued).register(meters);
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
        FutureTask<T> future;
        try {
            future = pool.submit(client == null ? "" : client, work);
        } catch (FairWorkQueue.RefusedException e) {
            if (e.refusal() == FairWorkQueue.Refusal.CLIENT_SHARE) {
                meters.counter("auth.bcrypt.rejected", "reason", "address_share").increment();
                throw new TooManyConcurrentException();
            }
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
        pool.close();
    }
}
