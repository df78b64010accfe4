package com.mmorpg.mapserver.character;

import static com.mmorpg.mapserver.character.SaveQueue.tell;

import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.mapserver.character.CharacterWriter.Phase;
import com.mmorpg.mapserver.sim.CharacterState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trade's two characters written in one transaction ({@code PUT /internal/trades}), in order with
 * each character's own writes: after every write of either queued before, before every write made
 * after ({@link TradeWrite}). Retried after the back-off while auth-service is away; a conflict is
 * read back (both leases still this server's: sent again on the stored versions); refused for good,
 * both players are removed.
 */
final class TradeWrites {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(CharacterPersistence.class);

    private final InternalClient auth;
    private final SaveQueue queue;
    private final CharacterPersistence.Refusals refusals;

    TradeWrites(InternalClient auth, SaveQueue queue, CharacterPersistence.Refusals refusals) {
        this.auth = auth;
        this.queue = queue;
        this.refusals = refusals;
    }

    /** See {@link CharacterPersistence#saveTogether}. */
    CompletableFuture<Void> saveTogether(CharacterState first, CharacterState second) {
        TradeWrite joint;
        boolean send;
        synchronized (queue) {
            CharacterWriter one = queue.writer(first.characterId());
            CharacterWriter two = queue.writer(second.characterId());
            if (one.joint != null || two.joint != null) {
                return CompletableFuture.failedFuture(new IllegalStateException("a trade of these characters is being written"));
            }
            joint = new TradeWrite(new CharacterState[] {first, second}, new CharacterWriter[] {one, two});
            one.joint = joint;
            two.joint = joint;
            for (CharacterWriter writer : joint.writers) {
                if (writer.phase == null) {
                    writer.phase = Phase.JOINT;
                    joint.ready++;
                }
            }
            send = joint.ready == 2;
        }
        if (send) {
            queue.scheduler.execute(() -> send(joint));
        }
        return joint.done;
    }

    /** Sends the trade: both writers are ready for it. */
    void send(TradeWrite joint) {
        CharacterStates.Update[] updates = new CharacterStates.Update[2];
        synchronized (queue) {
            joint.sent = true;
            for (int i = 0; i < 2; i++) {
                updates[i] = StateUpdates.update(joint.states[i], joint.writers[i].versionFor(joint.states[i]));
            }
        }
        CharacterStates.Trade trade = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(joint.states[0].characterId(), updates[0]),
                new CharacterStates.Side(joint.states[1].characterId(), updates[1])));
        auth.sendAsync("PUT", CharacterStates.TRADE_PATH, trade).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    failed(joint, error.getCause() == null ? error.toString() : error.getCause().getMessage(), true);
                } else if (response.isSuccess()) {
                    CharacterStates.TradeSaved saved = response.as(CharacterStates.TradeSaved.class);
                    stored(joint, saved.saved().get(0).version(), saved.saved().get(1).version());
                } else if (response.status() >= 500 || response.status() == 429) {
                    failed(joint, "HTTP " + response.status(), response.status() == 503);
                } else if (response.status() == 409) {
                    resolve(joint, response.code());
                } else {
                    refused(joint, response.status(), response.code());
                }
            } catch (RuntimeException | Error e) {
                log.error("A trade's write answer could not be handled characters={},{}", joint.states[0].characterId(),
                        joint.states[1].characterId(), e);
                failed(joint, e.toString(), true);
            }
        });
    }

    private void stored(TradeWrite joint, long firstVersion, long secondVersion) {
        long[] versions = {firstVersion, secondVersion};
        synchronized (queue) {
            for (int i = 0; i < 2; i++) {
                CharacterWriter writer = joint.writers[i];
                CharacterState state = joint.states[i];
                writer.joint = null;
                writer.failures = 0;
                writer.doubt = false;
                writer.ackedLease = state.leaseId();
                writer.ackedVersion = versions[i];
                if (writer.pending != null && state.lastEventSeq() > 0) {
                    writer.pending = writer.pending.withoutEventsUpTo(state.lastEventSeq());
                }
                queue.next(writer);
            }
        }
        joint.done.complete(null);
        tell(queue::storeAnswered);
        queue.pumpLater();
        log.info("Trade stored characters={},{} versions={},{}", joint.states[0].characterId(), joint.states[1].characterId(),
                firstVersion, secondVersion);
    }

    /** No answer, or not now: the same write again after the back-off (a trade that was stored meanwhile is applied once). */
    private void failed(TradeWrite joint, String reason, boolean storeAwayNow) {
        int attempt;
        long delay;
        synchronized (queue) {
            attempt = ++joint.failures;
            delay = queue.backoffMillis(attempt);
        }
        if (storeAwayNow) {
            queue.storeAway();
        }
        if (attempt <= 3 || attempt % 10 == 0) {
            log.warn("A trade's write failed, retrying in {} ms characters={},{} attempt={} reason={}", delay,
                    joint.states[0].characterId(), joint.states[1].characterId(), attempt, reason);
        }
        queue.scheduler.schedule(() -> send(joint), delay, TimeUnit.MILLISECONDS);
    }

    /** A conflict: when both leases are still this server's, the stored versions are adopted and the trade sent again. */
    private void resolve(TradeWrite joint, String code) {
        CompletableFuture<InternalClient.Reply> first = auth.sendAsync("GET", Leases.leasePath(joint.states[0].characterId()), null);
        CompletableFuture<InternalClient.Reply> second = auth.sendAsync("GET", Leases.leasePath(joint.states[1].characterId()), null);
        first.thenCombine(second, List::of).whenComplete((replies, error) -> {
            try {
                if (error != null || replies.stream().anyMatch(reply -> reply.status() >= 500 || reply.status() == 429)) {
                    failed(joint, "conflict " + code + ", read-back failed", error != null);
                    return;
                }
                boolean ours = true;
                for (int i = 0; i < 2; i++) {
                    InternalClient.Reply reply = replies.get(i);
                    ours &= reply.isSuccess() && reply.as(Leases.Holding.class).heldBy(joint.states[i].leaseId());
                }
                if (!ours) {
                    refused(joint, 409, code);
                    return;
                }
                synchronized (queue) {
                    for (int i = 0; i < 2; i++) {
                        joint.writers[i].ackedLease = joint.states[i].leaseId();
                        joint.writers[i].ackedVersion = replies.get(i).as(Leases.Holding.class).version();
                    }
                }
                log.info("A trade's write conflicted with this server's own writes; sending it again on the stored versions "
                        + "characters={},{} code={}", joint.states[0].characterId(), joint.states[1].characterId(), code);
                send(joint);
            } catch (RuntimeException | Error e) {
                log.error("A trade's conflict read-back could not be handled", e);
                failed(joint, e.toString(), false);
            }
        });
    }

    /** Refused for good: neither side was stored; both players leave unsaved (their stored states, items included, stand). */
    private void refused(TradeWrite joint, int status, String code) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (queue) {
            for (int i = 0; i < 2; i++) {
                CharacterWriter writer = joint.writers[i];
                writer.joint = null;
                writer.ackedLease = 0;
                writer.ackedVersion = -1;
                if (writer.pending != null && writer.pending.state().leaseId() == joint.states[i].leaseId()) {
                    failed.addAll(writer.pending.waiters());
                    writer.pending = null;
                }
                queue.next(writer);
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
        queue.pumpLater();
    }
}
