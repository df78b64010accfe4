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

    /**
     * A trade: both states stored in one transaction, in order with each character's other writes; completes when
     * stored, exceptionally when refused for good. Without a store of its own (tests), each is saved alone.
     */
    default CompletableFuture<Void> saveTogether(CharacterState first, CharacterState second) {
        return CompletableFuture.allOf(save(first), save(second));
    }

    /** Gives back lease {@code leaseId} of a character that never entered (it left while loading, the map was full). */
    default void release(String characterId, long leaseId) {
    }
}
