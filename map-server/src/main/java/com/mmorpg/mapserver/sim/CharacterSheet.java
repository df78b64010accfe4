package com.mmorpg.mapserver.sim;

/**
 * A character as auth-service stores it, loaded when the player authenticates: who it is, where it
 * was saved, and its class's numbers. Positions are pixels.
 */
public record CharacterSheet(
        String characterId,
        String userId,
        String name,
        int classId,
        int mapId,
        float x,
        float y,
        int level,
        long exp,
        int hp,
        int maxHp,
        int mp,
        int maxMp,
        int attack,
        int defense,
        float speed,
        float attackRange,
        long version) {
}
