package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.mapserver.sim.CharacterSaves;
import com.mmorpg.mapserver.sim.CharacterState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes character states to auth-service ({@code PUT /characters/{id}/internal/state}) off the
 * tick thread, each under the lease its session holds. States are coalesced per character (a newer
 * state replaces an unsent older one; a release is never lost in the merge), at most
 * {@link #MAX_IN_FLIGHT} requests run at once, and a failed write (auth-service down, slow or 5xx)
 * stays in memory and is retried with backoff (1 s, 2 s, 4 s ... 30 s) until it succeeds. The
 * version sent is the one the session loaded, advanced by the writes stored under its lease. A
 * refusal (409 {@code LEASE_LOST} or {@code STALE_VERSION}, 404, 400) is never swallowed: the
 * {@link Refusals} hook removes the player from the world at once.
 */
public final class CharacterPersistence implements CharacterSaves {

    static final int MAX_IN_FLIGHT = 16;
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final InternalClient auth;
    private final ScheduledExecutorService scheduler;
    private final Duration firstBackoff;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Per stay (character and lease), the newest version stored under it by this server. */
    private final Map<Stay, Long> versions = new ConcurrentHashMap<>();

    private record Stay(String characterId, long leaseId) {

        static Stay of(CharacterState state) {
            return new Stay(state.characterId(), state.leaseId());
        }
    }
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Per character, the last write whose outcome is unknown (timed out): auth-service may have stored it. */
    private final Map<String, Attempt> uncertain = new ConcurrentHashMap<>();
    private final Set<String> queuedOrRunning = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> ready = new ConcurrentLinkedQueue<>();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final Listener listener;
    private final Refusals refusals;

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
        this.scheduler = scheduler;
        this.firstBackoff = firstBackoff;
        this.listener = listener;
        this.refusals = refusals;
    }

    /** The newest unsaved state of a character and everyone waiting for it (or an older one) to be stored. */
    private record Pending(CharacterState state, List<CompletableFuture<Void>> waiters) {

        Pending merge(Pending newer) {
            List<CompletableFuture<Void>> all = new ArrayList<>(waiters);
            all.addAll(newer.waiters);
            CharacterState kept = newer.state.version() >= state.version() ? newer.state : state;
            return new Pending(state.release() || newer.state.release() ? kept.released() : kept, all);
        }
    }

    /** One write: the state and the version it was sent with. */
    private record Attempt(CharacterState state, long version) {
    }

    @Override
    public CompletableFuture<Void> save(CharacterState state) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        pending.merge(state.characterId(), new Pending(state, List.of(stored)), Pending::merge);
        enqueue(state.characterId());
        return stored;
    }

    /**
     * Completes once no write of the character is pending any more (stored or given up): a new stay
     * must load what the last one stored, never an older state.
     */
    public CompletableFuture<Void> idle(String characterId) {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        Pending joined = pending.computeIfPresent(characterId, (id, entry) -> {
            List<CompletableFuture<Void>> all = new ArrayList<>(entry.waiters());
            all.add(idle);
            return new Pending(entry.state(), all);
        });
        if (joined == null) {
            idle.complete(null);
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

    /** Saves not yet acknowledged by auth-service. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Waits until every pending save went through or {@code budget} ran out; returns (and logs) the
     * states that could not be written.
     */
    public List<CharacterState> flush(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        // Retries waiting for their backoff are tried again now: at shutdown there is no later.
        for (String id : pending.keySet()) {
            failures.remove(id);
            enqueue(id);
        }
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // polling a concurrent map; shutdown only
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<CharacterState> dropped = new ArrayList<>();
        for (Pending left : pending.values()) {
            CharacterState state = left.state();
            dropped.add(state);
            left.waiters().forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("not saved at shutdown")));
            log.error("Character state NOT saved at shutdown (auth-service unreachable) character={} map={} at ({}, {}) "
                            + "hp={} mp={} level={} exp={}", state.characterId(), state.mapId(), Math.round(state.x()),
                    Math.round(state.y()), state.hp(), state.mp(), state.level(), state.exp());
        }
        return dropped;
    }

    private void enqueue(String characterId) {
        if (queuedOrRunning.add(characterId)) {
            ready.add(characterId);
            scheduler.execute(this::pump);
        }
    }

    private void pump() {
        while (slots.tryAcquire()) {
            String id = ready.poll();
            if (id == null) {
                slots.release();
                return;
            }
            write(id);
        }
    }

    private void write(String characterId) {
        Pending entry = pending.get(characterId);
        if (entry == null) {
            finished(characterId);
            return;
        }
        CharacterState state = entry.state();
        long version = Math.max(state.version(), versions.getOrDefault(Stay.of(state), 0L));
        CharacterStates.Update update = new CharacterStates.Update(state.mapId(),
                new CharacterRecord.Position(state.x(), state.y()), Math.max(0, state.hp()), Math.max(0, state.mp()),
                state.level(), state.exp(), version, state.leaseId(), state.release());
        auth.sendAsync("PUT", CharacterStates.statePath(characterId), update).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    uncertain.put(characterId, new Attempt(state, version));
                    retry(state, error.getCause() == null ? error.toString() : error.getCause().getMessage());
                } else if (response.isSuccess()) {
                    uncertain.remove(characterId);
                    long saved = savedVersion(response, version);
                    if (state.release()) {
                        versions.remove(Stay.of(state)); // the stay is over
                    } else {
                        versions.merge(Stay.of(state), saved, Math::max);
                    }
                    failures.remove(characterId);
                    if (pending.remove(characterId, entry)) {
                        entry.waiters().forEach(waiter -> waiter.complete(null));
                    }
                    listener.saved(state, saved);
                    log.debug("Character saved character={} version={}", characterId, saved);
                } else if (response.status() >= 500 || response.status() == 429) {
                    retry(state, "HTTP " + response.status());
                } else if (response.status() == 409 && storedAfterAll(characterId, uncertain.remove(characterId))) {
                    failures.remove(characterId);
                    if (entry.state().release() && pending.remove(characterId, entry)) {
                        versions.remove(Stay.of(state)); // the lost answer was the release: nothing left to write
                        entry.waiters().forEach(waiter -> waiter.complete(null));
                    } // else the pending state is written again with the stored version
                } else {
                    String code = response.code();
                    if (pending.remove(characterId, entry)) {
                        entry.waiters().forEach(waiter -> waiter.completeExceptionally(
                                new IllegalStateException("refused: HTTP " + response.status() + " " + code)));
                    }
                    failures.remove(characterId);
                    versions.remove(Stay.of(state));
                    listener.failed(state, "HTTP " + response.status());
                    log.warn("Character state refused by auth-service, player removed character={} status={} code={} "
                                    + "version={} lease={}", characterId, response.status(), code, version, state.leaseId());
                    refusals.refused(state, code.isEmpty() ? "SAVE_REFUSED" : code);
                }
            } finally {
                slots.release();
                finished(characterId);
            }
        });
    }

    /** The version auth-service stored; one more than the one written if its answer does not say. */
    private static long savedVersion(InternalClient.Reply reply, long written) {
        try {
            return reply.as(CharacterStates.Saved.class).version();
        } catch (ServiceUnavailableException e) {
            log.warn("A save's answer carried no version ({}); assuming {}", e.getMessage(), written + 1);
            return written + 1;
        }
    }

    /**
     * A conflict right after a timed-out write: was that write stored after all (the answer was lost,
     * not the write)? True when auth-service now holds exactly that state at the next version; the
     * version is then adopted so this server's later saves do not all conflict. Runs on an I/O thread.
     */
    private boolean storedAfterAll(String characterId, Attempt lost) {
        if (lost == null) {
            return false;
        }
        CharacterRecord stored;
        try {
            InternalClient.Reply reply = auth.send("GET", CharacterStates.characterPath(characterId), null);
            if (!reply.isSuccess()) {
                return false;
            }
            stored = reply.as(CharacterRecord.class);
        } catch (ServiceUnavailableException e) {
            return false;
        }
        CharacterState state = lost.state();
        boolean same = stored.version() == lost.version() + 1
                && stored.mapId().equals(String.valueOf(state.mapId()))
                && stored.level() == state.level()
                && stored.exp() == state.exp()
                && Math.abs(stored.position().x() - state.x()) < 0.01
                && Math.abs(stored.position().y() - state.y()) < 0.01;
        if (same) {
            versions.merge(Stay.of(state), lost.version() + 1, Math::max);
            log.info("A timed-out save had been stored after all character={} version={}; writing the newest state on top",
                    characterId, lost.version() + 1);
        }
        return same;
    }

    /** Done with this attempt: if a newer state arrived meanwhile (and no retry is waiting), write it now. */
    private void finished(String characterId) {
        queuedOrRunning.remove(characterId);
        if (pending.containsKey(characterId) && !failures.containsKey(characterId)) {
            enqueue(characterId);
        }
        scheduler.execute(this::pump);
    }

    private void retry(CharacterState state, String reason) {
        int attempt = failures.merge(state.characterId(), 1, Integer::sum);
        long delay = Math.min(firstBackoff.toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF.toMillis());
        listener.failed(state, reason);
        log.warn("Character save failed, retrying in {} ms character={} attempt={} reason={}", delay,
                state.characterId(), attempt, reason);
        scheduler.schedule(() -> {
            if (pending.containsKey(state.characterId())) {
                queuedOrRunning.remove(state.characterId());
                enqueueRetry(state.characterId());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void enqueueRetry(String characterId) {
        if (queuedOrRunning.add(characterId)) {
            ready.add(characterId);
            pump();
        }
    }
}
