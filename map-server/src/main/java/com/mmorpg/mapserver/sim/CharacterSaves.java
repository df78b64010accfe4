package com.mmorpg.mapserver.sim;

/**
 * Where the world hands a character's state to be persisted (leave, shutdown, ...). Called on the
 * tick thread: implementations queue the write and return at once.
 */
@FunctionalInterface
public interface CharacterSaves {

    void save(CharacterState state);
}
