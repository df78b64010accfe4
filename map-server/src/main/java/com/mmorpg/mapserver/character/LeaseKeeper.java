package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.mapserver.runtime.GuardedTask;
import com.mmorpg.mapserver.sim.CharacterSheet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's side of the character leases auth-service keeps: one map server holds a live
 * character at a time. {@link #take} waits until no write of the character is pending here (a
 * new stay loads what the last one stored), then asks for the lease and gets the character with
 * it; while another server holds it, that holder has been asked to hand it over and the request is
 * repeated until {@code HANDOVER_WAIT}. {@link #startRenewal} asks every second which characters
 * newer logins want ({@link Holder#handOver}) and every {@code LEASE_RENEW_INTERVAL} (10 s, at most
 * a third of auth-service's {@code LEASE_TTL}) renews all leases in use, learning which were lost
 * ({@link Holder#lost}).
 */
public final class LeaseKeeper {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** auth-service takes at most this many lease ids per renewal call. */
    static final int RENEW_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final InternalClient auth;
    private final ScheduledExecutorService scheduler;
    private final CharacterPersistence persistence;
    private final String serverId;
    private final int mapId;
    private final Duration handoverWait;
    private final int renewEveryPolls;
    private volatile ScheduledFuture<?> renewal;
    private volatile GuardedTask renewalTask;
    private int polls;
    private boolean renewalDue;

    /** A lease granted with its character; {@code resumed} when this server already held it (a reconnect). */
    public record Granted(long leaseId, boolean resumed, CharacterSheet sheet) {
    }

    /** auth-service refused the lease: the code the player gets ({@code CHARACTER_IN_WORLD}, {@code TICKET_REPLAYED}, ...). */
    public static final class LeaseRefusedException extends RuntimeException {

        private final String code;

        LeaseRefusedException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** What the holder must do with characters it holds. */
    public interface Holder {

        /** A newer login elsewhere wants the character: save it, release the lease, let it go. */
        void handOver(String characterId, long leaseId);

        /** The lease is no longer this server's: the character must leave without another write. */
        void lost(String characterId, long leaseId);

        /**
         * The player must leave: save the character, release the lease, close with {@code code}
         * ({@code KICKED} by support staff, {@code BANNED}, or {@code SESSION_REVOKED}: see {@link Leases.Removal}).
         */
        void removed(String characterId, long leaseId, String code);

        /** Support staff asked for the character on the map's spawn point. */
        void unstuck(String characterId, long leaseId);
    }

    public LeaseKeeper(InternalClient auth, ScheduledExecutorService scheduler, CharacterPersistence persistence,
            String serverId, int mapId, Duration handoverWait, Duration renewInterval) {
        this.auth = auth;
        this.scheduler = scheduler;
        this.persistence = persistence;
        this.serverId = serverId;
        this.mapId = mapId;
        this.handoverWait = handoverWait;
        this.renewEveryPolls = (int) Math.max(1, renewInterval.toMillis() / POLL_INTERVAL.toMillis());
    }

    /**
     * The lease on {@code characterId} for the player who brought ticket {@code ticketJti} (of login
     * session {@code sessionId}, null when the ticket has none), with the character as stored. Fails with
     * {@link LeaseRefusedException}, {@link CharacterNotFoundException} or {@link ServiceUnavailableException}.
     */
    public CompletableFuture<Granted> take(String characterId, String ticketJti, String sessionId) {
        if (!characterId.matches("[0-9]{1,19}")) {
            return CompletableFuture.failedFuture(new CharacterNotFoundException(characterId));
        }
        long deadline = System.nanoTime() + handoverWait.toNanos();
        return persistence.idle(characterId).thenCompose(idle -> ask(characterId, ticketJti, sessionId, deadline));
    }

    private CompletableFuture<Granted> ask(String characterId, String ticketJti, String sessionId, long deadline) {
        Leases.Request request = new Leases.Request(serverId, mapId, ticketJti, sessionId);
        return auth.sendAsync("POST", Leases.leasePath(characterId), request).thenCompose(reply -> {
            if (reply.isSuccess()) {
                Leases.Grant grant = reply.as(Leases.Grant.class);
                return CompletableFuture.completedFuture(new Granted(grant.leaseId(), grant.resumed(),
                        CharacterSheets.of(grant.character(), grant.inventory())));
            }
            String code = reply.code();
            if (reply.status() == 404) {
                throw new CharacterNotFoundException(characterId);
            }
            if (reply.status() == 409 && code.equals("CHARACTER_IN_WORLD")) {
                long retryMillis = Math.clamp(reply.body().path("retry_after_ms").asLong(250), 50, 1000);
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMillis) > deadline) {
                    throw new LeaseRefusedException(code, "The character is still in the world elsewhere; try again");
                }
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(retryMillis, TimeUnit.MILLISECONDS, scheduler))
                        .thenCompose(ignored -> ask(characterId, ticketJti, sessionId, deadline));
            }
            if (reply.status() == 409 && !code.isEmpty()) {
                throw new LeaseRefusedException(code, reply.body().path("message").asString("Refused"));
            }
            throw new ServiceUnavailableException(auth.service(), "lease answered HTTP " + reply.status(), null);
        });
    }

    /** Gives back a lease that was granted for a player who will not enter after all. */
    public void release(String characterId, long leaseId) {
        persistence.release(characterId, leaseId);
    }

    /** Starts polling for handovers and renewing the leases {@code held} lists (lease id to character). */
    public void startRenewal(Supplier<Map<Long, String>> held, Holder holder) {
        renewalTask = new GuardedTask("lease renewal", () -> poll(held, holder));
        renewal = scheduler.scheduleWithFixedDelay(renewalTask, POLL_INTERVAL.toMillis(),
                POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while the renewal poll runs on schedule (it ran within the last {@code nanos}), or has not started. */
    public boolean renewalRunning(long nanos) {
        GuardedTask task = renewalTask;
        return task == null || task.endedWithin(nanos);
    }

    public void stopRenewal() {
        ScheduledFuture<?> running = renewal;
        if (running != null) {
            running.cancel(false);
        }
    }

    private void poll(Supplier<Map<Long, String>> held, Holder holder) {
        Map<Long, String> leases = Map.copyOf(held.get());
        List<Long> ids = new ArrayList<>(leases.keySet());
        // A renewal that failed (auth-service or its database away) is due again at the next poll, not
        // a whole renewal interval later: leases must not lapse for want of a retry.
        if (polls++ % renewEveryPolls == 0) {
            renewalDue = true;
        }
        try {
            if (!renewalDue || ids.isEmpty()) {
                renew(List.of(), leases, holder);
                renewalDue = false;
                return;
            }
            for (int from = 0; from < ids.size(); from += RENEW_BATCH) {
                renew(ids.subList(from, Math.min(ids.size(), from + RENEW_BATCH)), leases, holder);
            }
            renewalDue = false;
        } catch (ServiceUnavailableException | CompletionException e) {
            log.warn("Character leases not renewed, trying again in {} ms: {}", POLL_INTERVAL.toMillis(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Character lease renewal failed", e);
        }
    }

    private void renew(List<Long> ids, Map<Long, String> leases, Holder holder) {
        InternalClient.Reply reply = auth.send("POST", Leases.RENEW_PATH, new Leases.Renewal(serverId, ids));
        if (!reply.isSuccess()) {
            throw new ServiceUnavailableException(auth.service(), "lease renewal answered HTTP " + reply.status(), null);
        }
        Leases.Renewed renewed = reply.as(Leases.Renewed.class);
        persistence.storeAnswered(); // a renewal is a write to the same database: saves waiting for a retry may go
        for (long id : renewed.handover()) {
            String characterId = leases.get(id);
            if (characterId != null) {
                holder.handOver(characterId, id);
            }
        }
        for (long id : renewed.unstuck()) {
            String characterId = leases.get(id);
            if (characterId != null) {
                holder.unstuck(characterId, id);
            }
        }
        Map<Long, String> why = new HashMap<>();
        for (Leases.Removal removal : renewed.removed()) {
            why.put(removal.leaseId(), removal.code());
        }
        for (long id : renewed.kicked()) {
            String characterId = leases.get(id);
            if (characterId != null) {
                holder.removed(characterId, id, why.getOrDefault(id, Leases.Removal.KICKED));
            }
        }
        for (long id : renewed.lost()) {
            String characterId = leases.get(id);
            if (characterId != null) {
                log.warn("Character lease lost character={} lease={}", characterId, id);
                holder.lost(characterId, id);
            }
        }
    }
}
