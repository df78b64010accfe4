package com.mmorpg.mapserver.character;

import com.mmorpg.mapserver.sim.CharacterState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The newest unsaved state of a character, everyone waiting for it (or an older one) to be
 * stored, and since when the character has had unsaved progress.
 */
record PendingState(CharacterState state, List<CompletableFuture<Void>> waiters, long sinceNanos) {

    /** A state saved while this one waited: the newer wins, a release is never lost, every waiter stays. */
    PendingState merge(PendingState newer) {
        List<CompletableFuture<Void>> all = new ArrayList<>(waiters);
        all.addAll(newer.waiters);
        CharacterState kept = newer.state.version() >= state.version() ? newer.state.after(state) : state.after(newer.state);
        return new PendingState(state.release() || newer.state.release() ? kept.released() : kept, all,
                Math.min(sinceNanos, newer.sinceNanos));
    }

    /** The same, with the item events up to {@code seq} left out: they were stored already. */
    PendingState withoutEventsUpTo(long seq) {
        return new PendingState(state.withoutEventsUpTo(seq), waiters, sinceNanos);
    }
}
