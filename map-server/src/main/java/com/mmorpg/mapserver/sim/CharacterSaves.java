package com.mmorpg.mapserver.sim;

import java.util.concurrent.CompletableFuture;

/**
 * Where the world hands a character's state to be persisted (leave, level-up, gate, every 30 s,
 * shutdown). Called on the tick thread: implementations queue the write and return at once; the
 * future completes when this state (or a newer one of the same character) is stored, and
 * exceptionally when it was given up.
 */
@FunctionalInterface
public interface CharacterSaves {

    CompletableFuture<Void> save(CharacterState state);
}
