package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.mapserver.sim.CharacterSaves;
import com.mmorpg.mapserver.sim.CharacterState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes character states to auth-service ({@code PUT /characters/{id}/internal/state}) off the
 * tick thread, each under the lease its session holds. The world's {@link CharacterSaves}; the
 * composition root and the ops port read its progress.
 *
 * <p><b>One writer per character.</b> Each character has at most one write queued, in flight or
 * waiting for its back-off at a time; a state saved meanwhile replaces the unsent one (a release is
 * never lost in the merge) and goes out when the write before it has ended. Retries (auth-service or
 * its database away, slow, 5xx) back off 1 s, 2 s, 4 s ... 10 s and always carry the newest state
 * with the version the store last acknowledged. At most {@link SaveQueue#MAX_IN_FLIGHT} writes run at once.
 * When the store answers again (a save or a lease renewal went through), every write waiting for its
 * back-off goes at once: the backlog of an outage drains in seconds, not a back-off later. The
 * order is the {@link SaveQueue}'s; a trade's joint write is {@link TradeWrites}'.
 *
 * <p><b>Doubt is resolved, not guessed.</b> A write whose answer never came (a timeout, a reset after
 * sending) may have been stored. The next attempt tells: if it conflicts (409 {@code STALE_VERSION}
 * or {@code LEASE_LOST}), the stored version and the lease are read back. While the lease is this
 * stay's own, the conflict can only be one of this server's own earlier writes that landed late: the
 * stored version is adopted and the newest state written on top. Only when the lease is someone
 * else's (or gone, for a state that is not the stay's last) is the player removed ({@link Refusals}):
 * an outage of auth-service or PostgreSQL kicks nobody ({@link StateWrites}).
 */
public final class CharacterPersistence implements CharacterSaves {

    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);

    private final InternalClient auth;
    private final SaveQueue queue;
    private final StateWrites states;
    private final TradeWrites trades;

    /** Told when auth-service refused a state for good: the player must not play on unsaved. */
    @FunctionalInterface
    public interface Refusals {

        Refusals NONE = (state, code) -> {
        };

        void refused(CharacterState state, String code);
    }

    /** Hooks for metrics. */
    public interface Listener {

        Listener NONE = new Listener() {
        };

        default void saved(CharacterState state, long version) {
        }

        default void failed(CharacterState state, String reason) {
        }
    }

    public CharacterPersistence(InternalClient auth, ScheduledExecutorService scheduler, Duration firstBackoff,
            Listener listener) {
        this(auth, scheduler, firstBackoff, listener, Refusals.NONE);
    }

    public CharacterPersistence(InternalClient auth, ScheduledExecutorService scheduler, Duration firstBackoff,
            Listener listener, Refusals refusals) {
        this.auth = auth;
        // the queue calls back into the two writers, made right after it: nothing runs before this constructor ends
        this.queue = new SaveQueue(scheduler, firstBackoff, this::pump, this::sendTrade);
        this.states = new StateWrites(auth, queue, listener, refusals);
        this.trades = new TradeWrites(auth, queue, refusals);
    }

    private void pump() {
        states.pump();
    }

    private void sendTrade(TradeWrite joint) {
        trades.send(joint);
    }

    @Override
    public CompletableFuture<Void> save(CharacterState state) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        PendingState added = new PendingState(state, List.of(stored), System.nanoTime());
        boolean start;
        synchronized (queue) {
            CharacterWriter writer = queue.writer(state.characterId());
            writer.pending = writer.pending == null ? added : writer.pending.merge(added);
            start = writer.phase == null;
            if (start) {
                queue.queue(writer);
            }
        }
        if (start) {
            queue.pumpLater(); // never on the tick thread: a write is JSON and HTTP
        }
        return stored;
    }

    /**
     * Completes once no write of the character is pending any more (stored or given up): a new stay
     * must load what the last one stored, never an older state.
     */
    public CompletableFuture<Void> idle(String characterId) {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        synchronized (queue) {
            CharacterWriter writer = queue.existing(characterId);
            if (writer != null && writer.joint != null) {
                return writer.joint.done.handle((ok, error) -> null).thenCompose(ignored -> idle(characterId));
            }
            if (writer == null || writer.pending == null) {
                idle.complete(null);
            } else {
                List<CompletableFuture<Void>> all = new ArrayList<>(writer.pending.waiters());
                all.add(idle);
                writer.pending = new PendingState(writer.pending.state(), all, writer.pending.sinceNanos());
            }
        }
        return idle.handle((ok, error) -> null);
    }

    @Override
    public void release(String characterId, long leaseId) {
        auth.sendAsync("DELETE", Leases.releasePath(characterId, leaseId), null)
                .whenComplete((response, error) -> {
                    if (error != null || !response.isSuccess()) { // it lapses on its own within the lease TTL
                        log.warn("Character lease not released character={} lease={}: {}", characterId, leaseId,
                                error != null ? error.getMessage() : "HTTP " + response.status());
                    }
                });
    }

    /** Characters with progress not yet acknowledged by auth-service. */
    public int pendingCount() {
        return queue.pendingCount();
    }

    /**
     * A trade: both states written in one transaction ({@code PUT /internal/trades}), after every write of either
     * character queued before, before every write made after. Completes when stored, exceptionally when refused
     * for good (both players are then removed, as for a refused save). Retried, like a save, while auth-service is away.
     */
    public CompletableFuture<Void> saveTogether(CharacterState first, CharacterState second) {
        return trades.saveTogether(first, second);
    }

    /**
     * auth-service and its database answer again (a write or a lease renewal went through): the
     * writes waiting for their back-off go now.
     */
    public void storeAnswered() {
        queue.storeAnswered();
    }

    /** Milliseconds since the oldest progress not yet acknowledged was made; 0 when everything is saved. */
    public long oldestUnsavedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(queue.oldestUnsavedNanos(System.nanoTime()));
    }

    /** Characters whose last write attempt failed (the store is away or refusing): they wait for a retry. */
    public int retryingCount() {
        return queue.retryingCount();
    }

    /**
     * Waits until every pending save went through or {@code budget} ran out; returns (and logs) the
     * states that could not be written.
     */
    public List<CharacterState> flush(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        // Retries waiting for their back-off are tried again now: at shutdown there is no later.
        queue.wake(true);
        queue.pumpLater();
        while (pendingCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown only
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<CharacterState> dropped = new ArrayList<>();
        for (PendingState entry : queue.unsaved()) {
            CharacterState state = entry.state();
            dropped.add(state);
            entry.waiters().forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("not saved at shutdown")));
            log.error("Character state NOT saved at shutdown (auth-service unreachable) character={} map={} at ({}, {}) "
                            + "hp={} mp={} level={} exp={}", state.characterId(), state.mapId(), Math.round(state.x()),
                    Math.round(state.y()), state.hp(), state.mp(), state.level(), state.exp());
        }
        return dropped;
    }
}
