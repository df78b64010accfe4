package com.mmorpg.mapserver.sim;

/** What is written back to auth-service: where a character is and how it is doing. */
public record CharacterState(String characterId, int mapId, float x, float y, int hp, int mp, int level, long exp,
        long version) {
}
