package com.mmorpg.mapserver.directory;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.mapserver.runtime.GuardedTask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This map server's life in the world directory, on its own scheduler thread (a slow directory
 * never delays a tick). Registers at start with the seed's backoff (5 s, 10 s, 15 s ... capped at
 * 30 s, at most 10 attempts; after that it runs unregistered and each heartbeat tries again),
 * heartbeats every 15 s with the player count and load, re-registers at once when a heartbeat gets
 * 404 (the directory lost it: restart, flush, expiry), marks itself DRAINING and deregisters on
 * shutdown.
 */
public final class DirectoryRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryRegistration.class);

    /** What the directory is told about this server. */
    /** {@code opsAddress}: host:port of the ops port, for the console's live map (relayed by world-directory). */
    public record Identity(String serverId, String name, String ip, int port, int mapId, int maxPlayers, String opsAddress,
            String contentVersion) {
    }

    /** Timings (the seed's values in production, milliseconds in tests). */
    public record Timing(Duration heartbeatInterval, Duration retryBase, Duration retryMax, int maxAttempts) {
    }

    private final InternalClient directory;
    private final Identity identity;
    private final Timing timing;
    private final ScheduledExecutorService scheduler;
    private final IntSupplier players;
    private final DoubleSupplier load;
    private final DoubleSupplier tickP99;
    private final DoubleSupplier tickCpuP99;
    private volatile boolean registered;
    private volatile boolean draining;
    private volatile boolean closed;
    /** The start-up retry chain is running: heartbeats leave registering to it. */
    private volatile boolean retrying;
    private volatile int registrations;
    private ScheduledFuture<?> heartbeats;
    /**
     * Held for each exchange that may write this server's entry (register, heartbeat and the re-registration a 404
     * starts, deregister): the deregistration waits for a heartbeat in flight, so a heartbeat that crossed it and got
     * 404 cannot register the stopped server again after its entry was deleted.
     */
    private final SaveBacklog backlog;
    private final Object exchange = new Object();
    private final GuardedTask heartbeatTask = new GuardedTask("directory heartbeat", this::heartbeat);

    public DirectoryRegistration(InternalClient directory, Identity identity, Timing timing,
            ScheduledExecutorService scheduler, IntSupplier players, DoubleSupplier load, DoubleSupplier tickP99,
            DoubleSupplier tickCpuP99, SaveBacklog backlog) {
        this.backlog = backlog;
        this.tickP99 = tickP99;
        this.tickCpuP99 = tickCpuP99;
        this.directory = directory;
        this.identity = identity;
        this.timing = timing;
        this.scheduler = scheduler;
        this.players = players;
        this.load = load;
    }

    /** Progress held unsaved (the heartbeat tells the directory, whose console shows it). */
    public interface SaveBacklog {

        SaveBacklog NONE = new SaveBacklog() {
            @Override
            public int pending() {
                return 0;
            }

            @Override
            public long oldestMillis() {
                return 0;
            }
        };

        /** Characters whose progress auth-service has not acknowledged yet. */
        int pending();

        /** Milliseconds since the oldest of that progress was made (0: none). */
        long oldestMillis();
    }

    /** Starts registering (retrying in the background) and heartbeating. */
    public void start() {
        retrying = true;
        scheduler.execute(() -> registerWithRetry(1));
        long interval = timing.heartbeatInterval().toMillis();
        heartbeats = scheduler.scheduleWithFixedDelay(heartbeatTask, interval, interval, TimeUnit.MILLISECONDS);
    }

    public boolean isRegistered() {
        return registered;
    }

    /** How many times registration succeeded (first one plus re-registrations). */
    public int registrations() {
        return registrations;
    }

    /** The seed's backoff: 5 s, 10 s, 15 s, ... capped at 30 s. */
    Duration backoff(int failedAttempts) {
        Duration delay = timing.retryBase().multipliedBy(failedAttempts);
        return delay.compareTo(timing.retryMax()) > 0 ? timing.retryMax() : delay;
    }

    private void registerWithRetry(int attempt) {
        boolean done;
        try {
            synchronized (exchange) {
                done = closed || registered || register();
            }
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the heartbeats take over registering: a chain that died with
            // retrying set would have left the server unregistered for good.
            retrying = false;
            log.error("Registration attempt {} failed unexpectedly; each heartbeat will try again", attempt, e);
            return;
        }
        if (done) {
            retrying = false;
            return;
        }
        if (attempt >= timing.maxAttempts()) {
            retrying = false;
            log.error("Could not register with World Directory at {} after {} attempts: running UNREGISTERED "
                    + "(players cannot be sent here); each heartbeat will try again", directory.baseUrl(), attempt);
            return;
        }
        Duration delay = backoff(attempt);
        log.warn("Registration attempt {}/{} failed; retrying in {} s", attempt, timing.maxAttempts(), delay.toMillis() / 1000.0);
        scheduler.schedule(() -> registerWithRetry(attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Milliseconds rounded to hundredths; null when not known (NaN). */
    private static Double millis(double value) {
        return Double.isNaN(value) || value < 0 ? null : Math.round(value * 100) / 100.0;
    }

    private boolean register() {
        MapRegistry.Registration body = new MapRegistry.Registration(identity.serverId(), identity.name(), identity.ip(),
                identity.port(), List.of(identity.mapId()), identity.maxPlayers(), draining ? "DRAINING" : "ACTIVE",
                identity.opsAddress(), identity.contentVersion());
        try {
            InternalClient.Reply response = directory.send("POST", MapRegistry.REGISTER_PATH, body);
            if (response.isSuccess()) {
                registered = true;
                registrations++;
                if (!draining) {
                    log.info("Registered with World Directory successfully! server={} map={} address={}:{} content={}",
                            identity.serverId(), identity.mapId(), identity.ip(), identity.port(), identity.contentVersion());
                }
                return true;
            }
            log.warn("World Directory refused registration server={} status={} body={}", identity.serverId(),
                    response.status(), response.body());
        } catch (ServiceUnavailableException e) {
            log.warn("World Directory unreachable at {}: {}", directory.baseUrl(), e.getMessage());
        }
        return false;
    }

    private void heartbeat() {
        synchronized (exchange) {
            if (!closed) {
                heartbeatOnce();
            }
        }
    }

    private void heartbeatOnce() {
        if (!registered) {
            if (!retrying) {
                register();
            }
            return;
        }
        MapRegistry.Heartbeat body = new MapRegistry.Heartbeat(identity.serverId(), players.getAsInt(),
                Math.max(0, load.getAsDouble()), millis(tickP99.getAsDouble()), millis(tickCpuP99.getAsDouble()),
                backlog.pending(), backlog.oldestMillis(), identity.contentVersion());
        try {
            InternalClient.Reply response = directory.send("POST", MapRegistry.HEARTBEAT_PATH, body);
            if (response.status() == 404) {
                registered = false;
                log.warn("World Directory does not know server={} (restarted or expired): registering again",
                        identity.serverId());
                register();
            } else if (!response.isSuccess()) {
                log.warn("Heartbeat refused server={} status={}", identity.serverId(), response.status());
            }
        } catch (ServiceUnavailableException e) {
            log.warn("Heartbeat failed server={}: {}", identity.serverId(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Heartbeat failed server={}", identity.serverId(), e); // keep the schedule alive
        }
    }

    /** True while heartbeats run on schedule (one ended within the last {@code nanos}). */
    public boolean heartbeating(long nanos) {
        return heartbeatTask.endedWithin(nanos);
    }

    /** Shutdown step 1: the directory stops sending players here (blocking, bounded by the HTTP timeout). */
    public void markDraining() {
        draining = true;
        synchronized (exchange) {
            if (!closed && registered && register()) {
                log.info("Marked DRAINING in World Directory server={}", identity.serverId());
            }
        }
    }

    /** Shutdown step 3: remove this server from the directory (blocking, bounded by the HTTP timeout). */
    public void deregister() {
        closed = true;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        synchronized (exchange) { // after a heartbeat in flight, whatever it did
            try {
                InternalClient.Reply response = directory.send("DELETE", MapRegistry.serverPath(identity.serverId()), null);
                registered = false;
                log.info("Deregistered from World Directory server={} status={}", identity.serverId(), response.status());
            } catch (ServiceUnavailableException e) {
                log.warn("Could not deregister server={} (its entry expires with the TTL): {}", identity.serverId(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }
}
