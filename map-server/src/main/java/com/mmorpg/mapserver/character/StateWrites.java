package com.mmorpg.mapserver.character;

import static com.mmorpg.mapserver.character.SaveQueue.tell;

import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.mapserver.character.CharacterWriter.Phase;
import com.mmorpg.mapserver.sim.CharacterState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One character's state written to auth-service ({@code PUT /characters/{id}/internal/state}) and
 * what its answer means: stored, retried after the back-off, a conflict read back and resolved
 * (this stay's own late write, or someone else's lease), or refused for good (the player is
 * removed). Takes its writers from the {@link SaveQueue}, one write per slot.
 */
final class StateWrites {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);

    private final InternalClient auth;
    private final SaveQueue queue;
    private final CharacterPersistence.Listener listener;
    private final CharacterPersistence.Refusals refusals;

    StateWrites(InternalClient auth, SaveQueue queue, CharacterPersistence.Listener listener,
            CharacterPersistence.Refusals refusals) {
        this.auth = auth;
        this.queue = queue;
        this.listener = listener;
        this.refusals = refusals;
    }

    /** Sends ready writers while slots are free. */
    void pump() {
        while (queue.takeSlot()) {
            CharacterWriter writer = queue.nextReady();
            if (writer == null) {
                queue.giveSlot();
                if (queue.noneReady()) {
                    return;
                }
                continue; // one was added between the poll and the release
            }
            try {
                write(writer);
            } catch (RuntimeException | Error e) {
                // Whatever failed before the request went out, the slot and the writer must not be lost.
                queue.giveSlot();
                log.error("Character save could not be sent character={}", writer.characterId, e);
                failedIfStill(writer, Phase.WRITING, null, e.toString());
            }
        }
    }

    /** Sends the writer's newest state; the slot taken for it is given back when the answer is handled. */
    private void write(CharacterWriter writer) {
        PendingState entry;
        long version;
        synchronized (queue) {
            entry = writer.pending;
            if (entry == null) {
                queue.rest(writer);
                queue.giveSlot();
                return;
            }
            writer.phase = Phase.WRITING;
            version = writer.versionFor(entry.state());
        }
        CharacterState state = entry.state();
        CharacterStates.Update update = StateUpdates.update(state, version);
        auth.sendAsync("PUT", CharacterStates.statePath(writer.characterId), update).whenComplete((response, error) -> {
            queue.giveSlot();
            try {
                if (error != null) {
                    // Sent, perhaps stored: the answer was lost. The next attempt settles it.
                    failed(writer, state, error.getCause() == null ? error.toString() : error.getCause().getMessage(), true, true);
                } else if (response.isSuccess()) {
                    stored(writer, entry, version, StateUpdates.savedVersion(response, version));
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
                queue.pumpLater();
            }
        });
    }

    private void stored(CharacterWriter writer, PendingState entry, long version, long saved) {
        CharacterState state = entry.state();
        List<CompletableFuture<Void>> done = List.of();
        synchronized (queue) {
            writer.failures = 0;
            writer.doubt = false;
            writer.ackedLease = state.release() ? 0 : state.leaseId(); // after a release the stay is over
            writer.ackedVersion = state.release() ? -1 : saved;
            if (writer.pending != null && writer.pending.state() == state) { // idle() may have joined it meanwhile
                done = writer.pending.waiters();
                writer.pending = null;
            } else if (writer.pending != null && !state.release() && state.lastEventSeq() > 0) {
                // A newer state was merged meanwhile: the item events just stored need not travel again.
                writer.pending = writer.pending.withoutEventsUpTo(state.lastEventSeq());
            } else if (writer.pending != null && state.release() && writer.pending.state().leaseId() == state.leaseId()) {
                // A release was stored; what was merged into it meanwhile belongs to the stay that ended.
                done = writer.pending.waiters();
                writer.pending = null;
            }
            queue.next(writer);
        }
        done.forEach(waiter -> waiter.complete(null));
        tell(queue::storeAnswered);
        tell(() -> listener.saved(state, saved));
        log.debug("Character saved character={} version={} written_as={}", state.characterId(), saved, version);
    }

    /**
     * A conflict: read back the stored version and the lease. While the lease is still this stay's, the
     * conflict was this server's own write stored late (its answer lost): adopt the version and write the
     * newest state again. Runs the read asynchronously; a failed read is retried like a failed write.
     */
    private void resolve(CharacterWriter writer, PendingState entry, long version, String code) {
        synchronized (queue) {
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
                    synchronized (queue) {
                        writer.ackedLease = state.leaseId();
                        writer.ackedVersion = holding.version();
                        writer.doubt = false;
                        writer.failures = 0;
                        queue.queue(writer);
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
                queue.pumpLater();
            }
        });
    }

    /** Refused for good: the lease is someone else's (or the character is gone); the player must leave unsaved. */
    private void refused(CharacterWriter writer, PendingState entry, long version, int status, String code) {
        CharacterState state = entry.state();
        List<CompletableFuture<Void>> failed = List.of();
        synchronized (queue) {
            writer.failures = 0;
            writer.doubt = false;
            writer.ackedLease = 0;
            writer.ackedVersion = -1;
            if (writer.pending != null && writer.pending.state().leaseId() == state.leaseId()) {
                failed = writer.pending.waiters();
                writer.pending = null;
            }
            queue.next(writer);
        }
        log.warn("Character state refused by auth-service, player removed character={} status={} code={} version={} lease={}",
                state.characterId(), status, code, version, state.leaseId());
        String reason = code == null || code.isEmpty() ? "SAVE_REFUSED" : code;
        tell(() -> refusals.refused(state, reason)); // the removal is asked for before anyone waiting hears
        failed.forEach(waiter -> waiter.completeExceptionally(new IllegalStateException("refused: HTTP " + status + " " + code)));
        tell(() -> listener.failed(state, "HTTP " + status));
    }

    /** The attempt failed; the newest state is tried again after the back-off (one retry, never two). */
    private void failed(CharacterWriter writer, CharacterState state, String reason, boolean doubtful, boolean storeAwayNow) {
        failed(writer, state, reason, doubtful, storeAwayNow, null);
    }

    /** As above; with {@code expected}, only while the writer is still in that phase (else it has moved on). */
    private void failed(CharacterWriter writer, CharacterState state, String reason, boolean doubtful, boolean storeAwayNow,
            Phase expected) {
        long delay;
        int attempt;
        if (storeAwayNow) {
            queue.storeAway();
        }
        synchronized (queue) {
            if (expected != null && writer.phase != expected) {
                return;
            }
            writer.doubt |= doubtful;
            writer.wakeable = storeAwayNow;
            attempt = ++writer.failures;
            delay = queue.backoffMillis(attempt);
            queue.backOff(writer, delay);
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
    private void failedIfStill(CharacterWriter writer, Phase phase, CharacterState state, String reason) {
        failed(writer, state, reason, true, false, phase);
    }
}
