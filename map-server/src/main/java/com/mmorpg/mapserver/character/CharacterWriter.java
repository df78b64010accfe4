package com.mmorpg.mapserver.character;

import com.mmorpg.mapserver.sim.CharacterState;
import java.util.concurrent.ScheduledFuture;

/** One character's writes, one at a time. Fields are guarded by the {@link SaveQueue}'s monitor. */
final class CharacterWriter {

    enum Phase { QUEUED, WRITING, BACKING_OFF, RESOLVING, JOINT }

    final String characterId;
    PendingState pending;
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
    TradeWrite joint;

    CharacterWriter(String characterId) {
        this.characterId = characterId;
    }

    /** The version to write {@code state} with: the stored one as far as this server knows. */
    long versionFor(CharacterState state) {
        return ackedLease == state.leaseId() ? Math.max(ackedVersion, state.version()) : state.version();
    }
}
