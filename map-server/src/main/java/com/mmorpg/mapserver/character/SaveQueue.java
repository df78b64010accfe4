package com.mmorpg.mapserver.character;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order of character writes: one {@link CharacterWriter} per character with unsaved states or a
 * write in progress, the writers ready to send, the ones waiting for their back-off (1 s, 2 s, 4 s
 * ... 10 s), and the slots that keep at most {@link #MAX_IN_FLIGHT} writes under way. Its monitor
 * guards every writer's and every {@link TradeWrite}'s fields. What to send, and what an answer
 * means, is {@link StateWrites}' and {@link TradeWrites}'.
 */
final class SaveQueue {

    static final int MAX_IN_FLIGHT = 16;
    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    final ScheduledExecutorService scheduler;
    private final Duration firstBackoff;
    /** Characters with unsaved states or a write in progress. */
    private final Map<String, CharacterWriter> writers = new HashMap<>();
    private final ConcurrentLinkedQueue<CharacterWriter> ready = new ConcurrentLinkedQueue<>();
    /** Writers waiting for their back-off. */
    private final Set<CharacterWriter> backingOff = new LinkedHashSet<>();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    /** A write found the store away since it last answered: its return wakes the waiting writers once. */
    private volatile boolean storeAway;
    private final Runnable pump;
    private final Consumer<TradeWrite> sendTrade;

    /**
     * {@code pump} sends what is ready ({@link StateWrites#pump}); {@code sendTrade} sends a trade
     * whose two writers are both ready ({@link TradeWrites#send}).
     */
    SaveQueue(ScheduledExecutorService scheduler, Duration firstBackoff, Runnable pump, Consumer<TradeWrite> sendTrade) {
        this.scheduler = scheduler;
        this.firstBackoff = firstBackoff;
        this.pump = pump;
        this.sendTrade = sendTrade;
    }

    /** The character's writer, made if it has none. Holds the lock. */
    CharacterWriter writer(String characterId) {
        return writers.computeIfAbsent(characterId, CharacterWriter::new);
    }

    /** The character's writer, or null when nothing of it is pending. Holds the lock. */
    CharacterWriter existing(String characterId) {
        return writers.get(characterId);
    }

    /** The writer goes into the queue of those ready to send. Holds the lock. */
    void queue(CharacterWriter writer) {
        writer.phase = CharacterWriter.Phase.QUEUED;
        ready.add(writer);
    }

    /** Sends what is ready, never on the caller's thread (a write is JSON and HTTP). */
    void pumpLater() {
        scheduler.execute(pump);
    }

    void pumpNow() {
        pump.run();
    }

    /** A slot for one write, or false when {@link #MAX_IN_FLIGHT} are under way. */
    boolean takeSlot() {
        return slots.tryAcquire();
    }

    void giveSlot() {
        slots.release();
    }

    CharacterWriter nextReady() {
        return ready.poll();
    }

    boolean noneReady() {
        return ready.isEmpty();
    }

    /** How long attempt {@code attempt} waits: 1 s, 2 s, 4 s ... at most 10 s (from {@code firstBackoff}). */
    long backoffMillis(int attempt) {
        return Math.min(firstBackoff.toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF.toMillis());
    }

    /** The store did not answer (or answered 503): its return will wake the writers waiting for it. */
    void storeAway() {
        storeAway = true;
    }

    /** The store answered: the writers its absence held go now, once per return. */
    void storeAnswered() {
        if (storeAway) { // once per return: a store that answers is not news
            storeAway = false;
            wake(false);
        }
    }

    /** The writer waits {@code delayMillis}, then is queued again (unless woken earlier). Holds the lock. */
    void backOff(CharacterWriter writer, long delayMillis) {
        writer.phase = CharacterWriter.Phase.BACKING_OFF;
        backingOff.add(writer);
        writer.retry = scheduler.schedule(() -> {
            synchronized (this) {
                backingOff.remove(writer);
                if (writer.phase == CharacterWriter.Phase.BACKING_OFF) {
                    queue(writer);
                }
            }
            pump.run();
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends the writers waiting for their back-off now: those the store's absence held ({@code all}: every one). */
    void wake(boolean all) {
        boolean woke = false;
        synchronized (this) {
            for (Iterator<CharacterWriter> waiting = backingOff.iterator(); waiting.hasNext(); ) {
                CharacterWriter writer = waiting.next();
                if (!all && !writer.wakeable) {
                    continue; // a refusal with an answer (5xx, 429) keeps its own back-off
                }
                waiting.remove();
                if (writer.retry.cancel(false)) { // else its retry is running and queues it itself
                    queue(writer);
                    woke = true;
                }
            }
        }
        if (woke) {
            pumpLater();
        }
    }

    /** After an answer: the next state if one is waiting, else the writer rests. Holds the lock. */
    void next(CharacterWriter writer) {
        if (writer.joint != null && writer.joint.sent) {
            writer.phase = CharacterWriter.Phase.JOINT; // its writes made meanwhile wait for the trade
        } else if (writer.pending != null) {
            queue(writer);
        } else {
            rest(writer);
        }
    }

    /** The writer has nothing of its own to write: it is ready for its trade, or forgotten when done. Holds the lock. */
    void rest(CharacterWriter writer) {
        writer.phase = null;
        if (!jointReady(writer)) {
            forgetIfDone(writer);
        }
    }

    /**
     * A writer with nothing of its own left to write, waited for by a trade: it is ready for the trade (which goes
     * once both are). Holds the lock. False when no trade waits for it.
     */
    boolean jointReady(CharacterWriter writer) {
        TradeWrite joint = writer.joint;
        if (joint == null || joint.sent || writer.phase == CharacterWriter.Phase.JOINT) {
            return joint != null;
        }
        writer.phase = CharacterWriter.Phase.JOINT;
        if (++joint.ready == 2) {
            scheduler.execute(() -> sendTrade.accept(joint));
        }
        return true;
    }

    /** A writer with nothing to write and no stay to remember is dropped. Holds the lock. */
    private void forgetIfDone(CharacterWriter writer) {
        if (writer.pending == null && writer.phase == null && writer.ackedLease == 0 && writer.joint == null) {
            writers.remove(writer.characterId, writer);
        }
    }

    /** Characters with progress not yet acknowledged by auth-service. */
    synchronized int pendingCount() {
        return count(writer -> writer.pending != null || writer.joint != null);
    }

    /** Characters whose last write attempt failed (the store is away or refusing): they wait for a retry. */
    synchronized int retryingCount() {
        return count(writer -> writer.failures > 0);
    }

    private int count(Function<CharacterWriter, Boolean> which) {
        int count = 0;
        for (CharacterWriter writer : writers.values()) {
            if (which.apply(writer)) {
                count++;
            }
        }
        return count;
    }

    /** Nanoseconds since the oldest progress not yet acknowledged was made; 0 when everything is saved. */
    synchronized long oldestUnsavedNanos(long now) {
        long oldest = 0;
        for (CharacterWriter writer : writers.values()) {
            if (writer.pending != null) {
                oldest = Math.max(oldest, now - writer.pending.sinceNanos());
            }
        }
        return oldest;
    }

    /** Every state not yet stored. */
    synchronized List<PendingState> unsaved() {
        List<PendingState> left = new ArrayList<>();
        for (CharacterWriter writer : writers.values()) {
            if (writer.pending != null) {
                left.add(writer.pending);
            }
        }
        return left;
    }

    /** Metrics hooks must not disturb the writes: what they throw is logged and forgotten. */
    static void tell(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException | Error e) {
            log.warn("Character save listener failed", e);
        }
    }}
