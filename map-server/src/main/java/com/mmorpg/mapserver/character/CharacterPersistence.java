package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.mapserver.sim.CharacterSaves;
import com.mmorpg.mapserver.sim.CharacterState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes character states to auth-service ({@code PUT /characters/{id}/internal/state}) off the
 * tick thread, each under the lease its session holds.
 *
 * <p><b>One writer per character.</b> Each character has at most one write queued, in flight or
 * waiting for its back-off at a time; a state saved meanwhile replaces the unsent one (a release is
 * never lost in the merge) and goes out when the write before it has ended. Retries (auth-service or
 * its database away, slow, 5xx) back off 1 s, 2 s, 4 s ... 10 s and always carry the newest state
 * with the version the store last acknowledged. At most {@link #MAX_IN_FLIGHT} writes run at once.
 * When the store answers again (a save or a lease renewal went through), every write waiting for its
 * back-off goes at once: the backlog of an outage drains in seconds, not a back-off later.
 *
 * <p><b>Doubt is resolved, not guessed.</b> A write whose answer never came (a timeout, a reset after
 * sending) may have been stored. The next attempt tells: if it conflicts (409 {@code STALE_VERSION}
 * or {@code LEASE_LOST}), the stored version and the lease are read back. While the lease is this
 * stay's own, the conflict can only be one of this server's own earlier writes that landed late: the
 * stored version is adopted and the newest state written on top. Only when the lease is someone
 * else's (or gone, for a state that is not the stay's last) is the player removed ({@link Refusals}):
 * an outage of auth-service or PostgreSQL kicks nobody.
 */
public final class CharacterPersistence implements CharacterSaves {

    static final int MAX_IN_FLIGHT = 16;
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final InternalClient auth;
    private final ScheduledExecutorService scheduler;
    private final Duration firstBackoff;
    private final Listener listener;
    private final Refusals refusals;
    /** Characters with unsaved states or a write in progress. Guarded by itself. */
    private final Map<String, Writer> writers = new HashMap<>();
    private final ConcurrentLinkedQueue<Writer> ready = new ConcurrentLinkedQueue<>();
    /** Writers waiting for their back-off. Guarded by {@link #writers}. */
    private final Set<Writer> backingOff = new LinkedHashSet<>();
    /** A write found the store away since it last answered: its return wakes the waiting writers once. */
    private volatile boolean storeAway;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);

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

    /**
     * The newest unsaved state of a character, everyone waiting for it (or an older one) to be
     * stored, and since when the character has had unsaved progress.
     */
    private record Pending(CharacterState state, List<CompletableFuture<Void>> waiters, long sinceNanos) {

        Pending merge(Pending newer) {
            List<CompletableFuture<Void>> all = new ArrayList<>(waiters);
            all.addAll(newer.waiters);
            CharacterState kept = newer.state.version() >= state.version() ? newer.state.after(state) : state.after(newer.state);
            return new Pending(state.release() || newer.state.release() ? kept.released() : kept, all,
                    Math.min(sinceNanos, newer.sinceNanos));
        }
    }

    private enum Phase { QUEUED, WRITING, BACKING_OFF, RESOLVING, JOINT }

    /**
     * A trade's write of two characters in one transaction. It goes when both characters' writes queued before
     * it are done, and every write of either made meanwhile waits for it: the two characters' writes stay in
     * order. Fields are guarded by {@link #writers}.
     */
    private static final class Joint {

        final CharacterState[] states;
        final Writer[] writers;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** How many of the two writers have written everything queued before the trade. */
        int ready;
        boolean sent;
        int failures;

        Joint(CharacterState[] states, Writer[] writers) {
            this.states = states;
            this.writers = writers;
        }
    }

    /** One character's writes, one at a time. Fields are guarded by {@link #writers}. */
    private static final class Writer {

        final String characterId;
        Pending pending;
        Phase phase;
        /** The lease this server's writes of the character were last acknowledged under, and that version. */
        long ackedLease;
        long ackedVersion = -1;
        /** A write of this stay's whose answer never came: the store may hold it. */
        boolean doubt;
        int failures;
        /** The last failure was the store not answering (no answer, or 503): its return wakes this writer. */
        boolean wakeable;
        ScheduledFuture<?> retry;
        /** A trade's write this character takes part in, waiting or under way. */
        Joint joint;

        Writer(String characterId) {
            this.characterId = characterId;
        }

        /** The version to write {@code state} with: the stored one as far as this server knows. */
        long versionFor(CharacterState state) {
            return ackedLease == state.leaseId() ? Math.max(ackedVersion, state.version()) : state.version();
        }
    }

    @Override
    public CompletableFuture<Void> save(CharacterState state) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Pending added = new Pending(state, List.of(stored), System.nanoTime());
        boolean start;
        synchronized (writers) {
            Writer writer = writers.computeIfAbsent(state.characterId(), Writer::new);
            writer.pending = writer.pending == null ? added : writer.pending.merge(added);
            start = writer.phase == null;
            if (start) {
                writer.phase = Phase.QUEUED;
                ready.add(writer);
            }
        }
        if (start) {
            scheduler.execute(this::pump); // never on the tick thread: a write is JSON and HTTP
        }
        return stored;
    }

    /**
     * Completes once no write of the character is pending any more (stored or given up): a new stay
     * must load what the last one stored, never an older state.
     */
    public CompletableFuture<Void> idle(String characterId) {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        synchronized (writers) {
            Writer writer = writers.get(characterId);
            if (writer != null && writer.joint != null) {
                return writer.joint.done.handle((ok, error) -> null).thenCompose(ignored -> idle(characterId));
            }
            if (writer == null || writer.pending == null) {
                idle.complete(null);
            } else {
                List<CompletableFuture<Void>> all = new ArrayList<>(writer.pending.waiters());
                all.add(idle);
                writer.pending = new Pending(writer.pending.state(), all, writer.pending.sinceNanos());
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
        synchronized (writers) {
            int count = 0;
            for (Writer writer : writers.values()) {
                if (writer.pending != null || writer.joint != null) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * A trade: both states written in one transaction ({@code PUT /internal/trades}), after every write of either
     * character queued before, before every write made after. Completes when stored, exceptionally when refused
     * for good (both players are then removed, as for a refused save). Retried, like a save, while auth-service is away.
     */
    public CompletableFuture<Void> saveTogether(CharacterState first, CharacterState second) {
        Joint joint;
        boolean send;
        synchronized (writers) {
            Writer one = writers.computeIfAbsent(first.characterId(), Writer::new);
            Writer two = writers.computeIfAbsent(second.characterId(), Writer::new);
            if (one.joint != null || two.joint != null) {
                return CompletableFuture.failedFuture(new IllegalStateException("a trade of these characters is being written"));
            }
            joint = new Joint(new CharacterState[] {first, second}, new Writer[] {one, two});
            one.joint = joint;
            two.joint = joint;
            for (Writer writer : joint.writers) {
                if (writer.phase == null) {
                    writer.phase = Phase.JOINT;
                    joint.ready++;
                }
            }
            send = joint.ready == 2;
        }
        if (send) {
            scheduler.execute(() -> sendJoint(joint));
        }
        return joint.done;
    }

    private void sendJoint(Joint joint) {
        CharacterStates.Update[] updates = new CharacterStates.Update[2];
        synchronized (writers) {
            joint.sent = true;
            for (int i = 0; i < 2; i++) {
                updates[i] = update(joint.states[i], joint.writers[i].versionFor(joint.states[i]));
            }
        }
        CharacterStates.Trade trade = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(joint.states[0].characterId(), updates[0]),
                new CharacterStates.Side(joint.states[1].characterId(), updates[1])));
        auth.sendAsync("PUT", CharacterStates.TRADE_PATH, trade).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    jointFailed(joint, error.getCause() == null ? error.toString() : error.getCause().getMessage(), true);
                } else if (response.isSuccess()) {
                    CharacterStates.TradeSaved saved = response.as(CharacterStates.TradeSaved.class);
                    jointStored(joint, saved.saved().get(0).version(), saved.saved().get(1).version());
                } else if (response.status() >= 500 || response.status() == 429) {
                    jointFailed(joint, "HTTP " + response.status(), response.status() == 503);
                } else if (response.status() == 409) {
                    resolveJoint(joint, response.code());
                } else {
                    jointRefused(joint, response.status(), response.code());
                }
            } catch (RuntimeException | Error e) {
                log.error("A trade's write answer could not be handled characters={},{}", joint.states[0].characterId(),
                        joint.states[1].characterId(), e);
                jointFailed(joint, e.toString(), true);
            }
        });
    }

    private void jointStored(Joint joint, long firstVersion, long secondVersion) {
        long[] versions = {firstVersion, secondVersion};
        synchronized (writers) {
            for (int i = 0; i < 2; i++) {
                Writer writer = joint.writers[i];
                CharacterState state = joint.states[i];
                writer.joint = null;
                writer.failures = 0;
                writer.doubt = false;
                writer.ackedLease = state.leaseId();
                writer.ackedVersion = versions[i];
                if (writer.pending != null && state.lastEventSeq() > 0) {
                    Pending held = writer.pending;
                    writer.pending = new Pending(held.state().withoutEventsUpTo(state.lastEventSeq()), held.waiters(), held.sinceNanos());
                }
                next(writer);
            }
        }
        joint.done.complete(null);
        tell(this::storeAnswered);
        scheduler.execute(this::pump);
        log.info("Trade stored characters={},{} versions={},{}", joint.states[0].characterId(), joint.states[1].characterId(),
                firstVersion, secondVersion);
    }

    /** No answer, or not now: the same write again after the back-off (a trade that was stored meanwhile is applied once). */
    private void jointFailed(Joint joint, String reason, boolean storeAwayNow) {
        int attempt;
        long delay;
        synchronized (writers) {
            attempt = ++joint.failures;
            delay = Math.min(firstBackoff.toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF.toMillis());
        }
        if (storeAwayNow) {
            storeAway = true;
        }
        if (attempt <= 3 || attempt % 10 == 0) {
            log.warn("A trade's write failed, retrying in {} ms characters={},{} attempt={} reason={}", delay,
                    joint.states[0].characterId(), joint.states[1].characterId(), attempt, reason);
        }
        scheduler.schedule(() -> sendJoint(joint), delay, TimeUnit.MILLISECONDS);
    }

    /** A conflict: when both leases are still this server's, the stored versions are adopted and the trade sent again. */
    private void resolveJoint(Joint joint, String code) {
        CompletableFuture<InternalClient.Reply> first = auth.sendAsync("GET", Leases.leasePath(joint.states[0].characterId()), null);
        CompletableFuture<InternalClient.Reply> second = auth.sendAsync("GET", Leases.leasePath(joint.states[1].characterId()), null);
        first.thenCombine(second, List::of).whenComplete((replies, error) -> {
            try {
                if (error != null || replies.stream().anyMatch(reply -> reply.status() >= 500 || reply.status() == 429)) {
                    jointFailed(joint, "conflict " + code + ", read-back failed", error != null);
                    return;
                }
                boolean ours = true;
                for (int i = 0; i < 2; i++) {
                    InternalClient.Reply reply = replies.get(i);
                    ours &= reply.isSuccess() && reply.as(Leases.Holding.class).heldBy(joint.states[i].leaseId());
                }
                if (!ours) {
                    jointRefused(joint, 409, code);
                    return;
                }
                synchronized (writers) {
                    for (int i = 0; i < 2; i++) {
                        joint.writers[i].ackedLease = joint.states[i].leaseId();
                        joint.writers[i].ackedVersion = replies.get(i).as(Leases.Holding.class).version();
                    }
                }
                log.info("A trade's write conflicted with this server's own writes; sending it again on the stored versions "
                        + "characters={},{} code={}", joint.states[0].characterId(), joint.states[1].characterId(), code);
                sendJoint(joint);
            } catch (RuntimeException | Error e) {
                log.error("A trade's conflict read-back could not be handled", e);
                jointFailed(joint, e.toString(), false);
            }
        });
    }

    /** Refused for good: neither side was stored; both players leave unsaved (their stored states, items included, stand). */
    private void jointRefused(Joint joint, int status, String code) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (writers) {
            for (int i = 0; i < 2; i++) {
                Writer writer = joint.writers[i];
                writer.joint = null;
                writer.ackedLease = 0;
                writer.ackedVersion = -1;
                if (writer.pending != null && writer.pending.state().leaseId() == joint.states[i].leaseId()) {
                    failed.addAll(writer.pending.waiters());
                    writer.pending = null;
                }
                next(writer);
            }
        }
        log.warn("A trade's write was refused by auth-service, both players removed characters={},{} status={} code={}",
                joint.states[0].characterId(), joint.states[1].characterId(), status, code);
        String reason = code == null || code.isEmpty() ? "SAVE_REFUSED" : code;
        for (CharacterState state : joint.states) {
            tell(() -> refusals.refused(state, reason));
        }
        joint.done.completeExceptionally(new IllegalStateException("trade refused: HTTP " + status + " " + code));
        failed.forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("refused: HTTP " + status + " " + code)));
        scheduler.execute(this::pump);
    }

    /** Milliseconds since the oldest progress not yet acknowledged was made; 0 when everything is saved. */
    public long oldestUnsavedMillis() {
        long now = System.nanoTime();
        long oldest = 0;
        synchronized (writers) {
            for (Writer writer : writers.values()) {
                if (writer.pending != null) {
                    oldest = Math.max(oldest, now - writer.pending.sinceNanos());
                }
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(oldest);
    }

    /** Characters whose last write attempt failed (the store is away or refusing): they wait for a retry. */
    public int retryingCount() {
        synchronized (writers) {
            int count = 0;
            for (Writer writer : writers.values()) {
                if (writer.failures > 0) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * Waits until every pending save went through or {@code budget} ran out; returns (and logs) the
     * states that could not be written.
     */
    public List<CharacterState> flush(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        // Retries waiting for their back-off are tried again now: at shutdown there is no later.
        wake(true);
        scheduler.execute(this::pump);
        while (pendingCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown only
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        synchronized (writers) {
            for (Writer writer : writers.values()) {
                if (writer.pending != null) {
                    left.add(writer.pending);
                }
            }
        }
        List<CharacterState> dropped = new ArrayList<>();
        for (Pending entry : left) {
            CharacterState state = entry.state();
            dropped.add(state);
            entry.waiters().forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("not saved at shutdown")));
            log.error("Character state NOT saved at shutdown (auth-service unreachable) character={} map={} at ({}, {}) "
                            + "hp={} mp={} level={} exp={}", state.characterId(), state.mapId(), Math.round(state.x()),
                    Math.round(state.y()), state.hp(), state.mp(), state.level(), state.exp());
        }
        return dropped;
    }

    private void pump() {
        while (slots.tryAcquire()) {
            Writer writer = ready.poll();
            if (writer == null) {
                slots.release();
                if (ready.isEmpty()) {
                    return;
                }
                continue; // one was added between the poll and the release
            }
            try {
                write(writer);
            } catch (RuntimeException | Error e) {
                // Whatever failed before the request went out, the slot and the writer must not be lost.
                slots.release();
                log.error("Character save could not be sent character={}", writer.characterId, e);
                failedIfStill(writer, Phase.WRITING, null, e.toString());
            }
        }
    }

    /** Sends the writer's newest state; the slot taken for it is given back when the answer is handled. */
    private void write(Writer writer) {
        Pending entry;
        long version;
        synchronized (writers) {
            entry = writer.pending;
            if (entry == null) {
                writer.phase = null;
                if (!jointReady(writer)) {
                    forgetIfDone(writer);
                }
                slots.release();
                return;
            }
            writer.phase = Phase.WRITING;
            version = writer.versionFor(entry.state());
        }
        CharacterState state = entry.state();
        CharacterStates.Update update = update(state, version);
        auth.sendAsync("PUT", CharacterStates.statePath(writer.characterId), update).whenComplete((response, error) -> {
            slots.release();
            try {
                if (error != null) {
                    // Sent, perhaps stored: the answer was lost. The next attempt settles it.
                    failed(writer, state, error.getCause() == null ? error.toString() : error.getCause().getMessage(), true, true);
                } else if (response.isSuccess()) {
                    stored(writer, entry, version, savedVersion(response, version));
                } else if (response.status() >= 500 || response.status() == 429) {
                    // 503: the store is away (its return wakes the retry); anything else keeps its back-off.
                    failed(writer, state, "HTTP " + response.status(), false, response.status() == 503);
                } else if (response.status() == 409) {
                    resolve(writer, entry, version, response.code());
                } else {
                    refused(writer, entry, version, response.status(), response.code());
                }
            } catch (RuntimeException | Error e) {
                log.error("Character save answer could not be handled character={}", writer.characterId, e);
                failedIfStill(writer, Phase.WRITING, state, e.toString());
            } finally {
                scheduler.execute(this::pump);
            }
        });
    }

    /** A state as auth-service takes it, written over stored version {@code version}. */
    private static CharacterStates.Update update(CharacterState state, long version) {
        return new CharacterStates.Update(state.mapId(),
                new CharacterRecord.Position(state.x(), state.y()), Math.max(0, state.hp()), Math.max(0, state.mp()),
                state.level(), state.exp(), version, state.leaseId(), state.release(),
                state.items() == null ? null : state.items().stream()
                        .map(item -> new Items.Stored(item.id(), item.typeId(), item.quantity(), item.slot())).toList(),
                state.items() == null && state.events().isEmpty() ? null : state.events().stream()
                        .map(event -> new Items.Event(event.seq(), event.itemId(), event.typeId(), event.quantity(), event.from(),
                                event.to(), event.reason())).toList());
    }

    /**
     * A writer with nothing of its own left to write, waited for by a trade: it is ready for the trade (which goes
     * once both are). Holds the lock. False when no trade waits for it.
     */
    private boolean jointReady(Writer writer) {
        Joint joint = writer.joint;
        if (joint == null || joint.sent || writer.phase == Phase.JOINT) {
            return joint != null;
        }
        writer.phase = Phase.JOINT;
        if (++joint.ready == 2) {
            scheduler.execute(() -> sendJoint(joint));
        }
        return true;
    }

    private void stored(Writer writer, Pending entry, long version, long saved) {
        CharacterState state = entry.state();
        List<CompletableFuture<Void>> done = List.of();
        synchronized (writers) {
            writer.failures = 0;
            writer.doubt = false;
            writer.ackedLease = state.release() ? 0 : state.leaseId(); // after a release the stay is over
            writer.ackedVersion = state.release() ? -1 : saved;
            if (writer.pending != null && writer.pending.state() == state) { // idle() may have joined it meanwhile
                done = writer.pending.waiters();
                writer.pending = null;
            } else if (writer.pending != null && !state.release() && state.lastEventSeq() > 0) {
                // A newer state was merged meanwhile: the item events just stored need not travel again.
                Pending newer = writer.pending;
                writer.pending = new Pending(newer.state().withoutEventsUpTo(state.lastEventSeq()), newer.waiters(), newer.sinceNanos());
            } else if (writer.pending != null && state.release() && writer.pending.state().leaseId() == state.leaseId()) {
                // A release was stored; what was merged into it meanwhile belongs to the stay that ended.
                done = writer.pending.waiters();
                writer.pending = null;
            }
            next(writer);
        }
        done.forEach(waiter -> waiter.complete(null));
        tell(this::storeAnswered);
        tell(() -> listener.saved(state, saved));
        log.debug("Character saved character={} version={} written_as={}", state.characterId(), saved, version);
    }

    /**
     * A conflict: read back the stored version and the lease. While the lease is still this stay's, the
     * conflict was this server's own write stored late (its answer lost): adopt the version and write the
     * newest state again. Runs the read asynchronously; a failed read is retried like a failed write.
     */
    private void resolve(Writer writer, Pending entry, long version, String code) {
        synchronized (writers) {
            writer.phase = Phase.RESOLVING;
        }
        CharacterState state = entry.state();
        auth.sendAsync("GET", Leases.leasePath(state.characterId()), null).whenComplete((reply, error) -> {
            try {
                if (error != null || reply.status() >= 500 || reply.status() == 429) {
                    failed(writer, state, "conflict " + code + ", read-back failed", true, error != null || reply.status() == 503);
                    return;
                }
                if (reply.status() == 404) {
                    refused(writer, entry, version, 404, "CHARACTER_NOT_FOUND");
                    return;
                }
                if (!reply.isSuccess()) {
                    failed(writer, state, "conflict " + code + ", read-back HTTP " + reply.status(), true, false);
                    return;
                }
                Leases.Holding holding = reply.as(Leases.Holding.class);
                if (holding.heldBy(state.leaseId())) {
                    synchronized (writers) {
                        writer.ackedLease = state.leaseId();
                        writer.ackedVersion = holding.version();
                        writer.doubt = false;
                        writer.failures = 0;
                        writer.phase = Phase.QUEUED;
                        ready.add(writer);
                    }
                    log.info("A save conflicted with this server's own earlier write, stored late; writing the newest "
                                    + "state on top character={} code={} sent_version={} stored_version={} lease={}",
                            state.characterId(), code, version, holding.version(), state.leaseId());
                    return;
                }
                if (state.release() && holding.leaseId() == null && writer.doubt && holding.version() == version + 1) {
                    // The stay's last write was stored and its lease freed; only the answer was lost.
                    log.info("A release whose answer was lost had been stored character={} version={}",
                            state.characterId(), holding.version());
                    stored(writer, entry, version, holding.version());
                    return;
                }
                refused(writer, entry, version, 409, code);
            } catch (RuntimeException | Error e) {
                log.error("Conflict read-back could not be handled character={}", state.characterId(), e);
                failedIfStill(writer, Phase.RESOLVING, state, e.toString());
            } finally {
                scheduler.execute(this::pump);
            }
        });
    }

    /**
     * auth-service and its database answer again (a write or a lease renewal went through): the
     * writes waiting for their back-off go now.
     */
    public void storeAnswered() {
        if (storeAway) { // once per return: a store that answers is not news
            storeAway = false;
            wake(false);
        }
    }

    /** Sends the writers waiting for their back-off now: those the store's absence held ({@code all}: every one). */
    private void wake(boolean all) {
        boolean woke = false;
        synchronized (writers) {
            for (Iterator<Writer> waiting = backingOff.iterator(); waiting.hasNext(); ) {
                Writer writer = waiting.next();
                if (!all && !writer.wakeable) {
                    continue; // a refusal with an answer (5xx, 429) keeps its own back-off
                }
                waiting.remove();
                if (writer.retry.cancel(false)) { // else its retry is running and queues it itself
                    writer.phase = Phase.QUEUED;
                    ready.add(writer);
                    woke = true;
                }
            }
        }
        if (woke) {
            scheduler.execute(this::pump);
        }
    }

    /** Refused for good: the lease is someone else's (or the character is gone); the player must leave unsaved. */
    private void refused(Writer writer, Pending entry, long version, int status, String code) {
        CharacterState state = entry.state();
        List<CompletableFuture<Void>> failed = List.of();
        synchronized (writers) {
            writer.failures = 0;
            writer.doubt = false;
            writer.ackedLease = 0;
            writer.ackedVersion = -1;
            if (writer.pending != null && writer.pending.state().leaseId() == state.leaseId()) {
                failed = writer.pending.waiters();
                writer.pending = null;
            }
            next(writer);
        }
        log.warn("Character state refused by auth-service, player removed character={} status={} code={} version={} lease={}",
                state.characterId(), status, code, version, state.leaseId());
        String reason = code == null || code.isEmpty() ? "SAVE_REFUSED" : code;
        tell(() -> refusals.refused(state, reason)); // the removal is asked for before anyone waiting hears
        failed.forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("refused: HTTP " + status + " " + code)));
        tell(() -> listener.failed(state, "HTTP " + status));
    }

    /** The attempt failed; the newest state is tried again after the back-off (one retry, never two). */
    private void failed(Writer writer, CharacterState state, String reason, boolean doubtful, boolean storeAwayNow) {
        failed(writer, state, reason, doubtful, storeAwayNow, null);
    }

    /** As above; with {@code expected}, only while the writer is still in that phase (else it has moved on). */
    private void failed(Writer writer, CharacterState state, String reason, boolean doubtful, boolean storeAwayNow,
            Phase expected) {
        long delay;
        int attempt;
        if (storeAwayNow) {
            storeAway = true;
        }
        synchronized (writers) {
            if (expected != null && writer.phase != expected) {
                return;
            }
            writer.doubt |= doubtful;
            writer.wakeable = storeAwayNow;
            attempt = ++writer.failures;
            delay = Math.min(firstBackoff.toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF.toMillis());
            writer.phase = Phase.BACKING_OFF;
            backingOff.add(writer);
            writer.retry = scheduler.schedule(() -> {
                synchronized (writers) {
                    backingOff.remove(writer);
                    if (writer.phase == Phase.BACKING_OFF) {
                        writer.phase = Phase.QUEUED;
                        ready.add(writer);
                    }
                }
                pump();
            }, delay, TimeUnit.MILLISECONDS);
        }
        if (state != null) {
            tell(() -> listener.failed(state, reason));
        }
        // One line per character for the first failures, then every tenth: an outage of minutes
        // with hundreds of players must not write a line per retry.
        if (attempt <= 3 || attempt % 10 == 0) {
            log.warn("Character save failed, retrying in {} ms character={} attempt={} reason={}", delay,
                    writer.characterId, attempt, reason);
        }
    }

    /**
     * An unexpected failure while handling the writer: back off, unless the writer has already moved on
     * (the failure came after it was queued again or rested), which must not give it a second chain.
     */
    private void failedIfStill(Writer writer, Phase phase, CharacterState state, String reason) {
        failed(writer, state, reason, true, false, phase);
    }

    /** After an answer: the next state if one is waiting, else the writer rests. Holds the lock. */
    private void next(Writer writer) {
        if (writer.joint != null && writer.joint.sent) {
            writer.phase = Phase.JOINT; // its writes made meanwhile wait for the trade
        } else if (writer.pending != null) {
            writer.phase = Phase.QUEUED;
            ready.add(writer);
        } else {
            writer.phase = null;
            if (!jointReady(writer)) {
                forgetIfDone(writer);
            }
        }
    }

    /** A writer with nothing to write and no stay to remember is dropped. Holds the lock. */
    private void forgetIfDone(Writer writer) {
        if (writer.pending == null && writer.phase == null && writer.ackedLease == 0 && writer.joint == null) {
            writers.remove(writer.characterId, writer);
        }
    }

    /** Metrics hooks must not disturb the writes: what they throw is logged and forgotten. */
    private static void tell(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException | Error e) {
            log.warn("Character save listener failed", e);
        }
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
}
