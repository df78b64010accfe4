package com.mmorpg.mapserver.sim;

import java.util.List;

/**
 * A character as auth-service stores it, loaded when the player authenticates: who it is, where it
 * was saved, its class's numbers (at its level, and what each further level adds), and its items
 * with the last ledger event seq applied to them. Positions are pixels.
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
        long version,
        Growth growth,
        List<SavedItem> items,
        long itemSeq) {

    /** Without items (tests, benchmarks). */
    public CharacterSheet(String characterId, String userId, String name, int classId, int mapId, float x, float y, int level,
            long exp, int hp, int maxHp, int mp, int maxMp, int attack, int defense, float speed, float attackRange,
            long version, Growth growth) {
        this(characterId, userId, name, classId, mapId, x, y, level, exp, hp, maxHp, mp, maxMp, attack, defense, speed,
                attackRange, version, growth, List.of(), 0);
    }

    /** What each level adds, from the character's class. */
    public record Growth(int hp, int mp, int attack, int defense) {

        public static final Growth NONE = new Growth(0, 0, 0, 0);
    }
}
