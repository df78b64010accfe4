package com.mmorpg.mapserver.character;

import com.mmorpg.mapserver.sim.CharacterState;
import java.util.concurrent.CompletableFuture;

/**
 * A trade's write of two characters in one transaction. It goes when both characters' writes queued before
 * it are done, and every write of either made meanwhile waits for it: the two characters' writes stay in
 * order. Fields are guarded by the {@link SaveQueue}'s monitor.
 */
final class TradeWrite {

    final CharacterState[] states;
    final CharacterWriter[] writers;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** How many of the two writers have written everything queued before the trade. */
    int ready;
    boolean sent;
    int failures;

    TradeWrite(CharacterState[] states, CharacterWriter[] writers) {
        this.states = states;
        this.writers = writers;
    }
}
