package com.mmorpg.mapserver.interest;

import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.mapserver.sim.PlayerLink;
import com.mmorpg.mapserver.sim.TrafficCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a worker's messages go. The tick thread's worker sends at once ({@link Direct}); a helper
 * thread never touches a link, it keeps each chunk's messages for the tick thread ({@link Deferred}),
 * which sends them in chunk order. Every message of a tick thus leaves from the tick thread, in the
 * order one worker alone would have sent it.
 */
sealed interface Outbox {

    void sendReliable(PlayerLink link, ServerMessage message);

    /** A snapshot to put the next finished one in before {@link #sendSnapshot}. */
    Snapshot blank();

    void sendSnapshot(PlayerLink link, Snapshot snapshot);

    /** On the tick thread: sends now, reusing one snapshot (links copy what they are handed). */
    final class Direct implements Outbox {

        private final TrafficCounter traffic;
        private final Snapshot snapshot = new Snapshot();

        Direct(TrafficCounter traffic) {
            this.traffic = traffic;
        }

        @Override
        public void sendReliable(PlayerLink link, ServerMessage message) {
            link.sendReliable(message);
        }

        @Override
        public Snapshot blank() {
            return snapshot;
        }

        @Override
        public void sendSnapshot(PlayerLink link, Snapshot built) {
            link.sendUnreliable(built);
            traffic.snapshotSent(built.size());
        }

        /** Sends what a helper kept for one chunk, in order, and empties the list. */
        void sendAll(List<Kept> messages) {
            for (Kept kept : messages) {
                if (kept.reliable()) {
                    kept.link().sendReliable(kept.message());
                } else {
                    sendSnapshot(kept.link(), (Snapshot) kept.message()); // metrics stay on the tick thread
                }
            }
            messages.clear();
        }
    }

    /** A message a helper kept, with where it goes. */
    record Kept(PlayerLink link, ServerMessage message, boolean reliable) {
    }

    /**
     * On a helper thread: keeps messages in the current chunk's list. Each snapshot stays as built
     * until the tick thread has sent it, so a phase puts each in a new one of a pool that is reused
     * from the next phase on (by then every one was sent, and copied by its link).
     */
    final class Deferred implements Outbox {

        private final List<Snapshot> pool = new ArrayList<>();
        private int used;
        private List<Kept> chunk;

        /** The start of a phase: every snapshot of the last one has been sent. */
        void startPhase() {
            used = 0;
        }

        /** The messages of the chunk about to be computed go to {@code messages}. */
        void into(List<Kept> messages) {
            chunk = messages;
        }

        @Override
        public void sendReliable(PlayerLink link, ServerMessage message) {
            chunk.add(new Kept(link, message, true));
        }

        @Override
        public Snapshot blank() {
            if (used == pool.size()) {
                pool.add(new Snapshot());
            }
            return pool.get(used++);
        }

        @Override
        public void sendSnapshot(PlayerLink link, Snapshot snapshot) {
            chunk.add(new Kept(link, snapshot, false));
        }
    }
}
