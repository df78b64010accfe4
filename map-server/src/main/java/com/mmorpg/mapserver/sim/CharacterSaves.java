package com.mmorpg.mapserver.sim;

import java.util.concurrent.CompletableFuture;

/**
 * Where the world hands a character's state to be persisted (leave, level-up, gate, every
 * {@code SAVE_INTERVAL} when it changed, shutdown). Called on the tick thread: implementations queue the write and return at once; the
 * future completes when this state (or a newer one of the same character) is stored, and
 * exceptionally when it was given up.
 */
@FunctionalInterface
public interface CharacterSaves {

    CompletableFuture<Void> save(CharacterState state);

    /** Gives back lease {@code leaseId} of a character that never entered (it left while loading, the map was full). */
    default void release(String characterId, long leaseId) {
    }
}
