package com.mmorpg.mapserver.sim;

/**
 * A character as auth-service stores it, loaded when the player authenticates: who it is, where it
 * was saved, and its class's numbers (at its level, and what each further level adds). Positions
 * are pixels.
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
        Growth growth) {

    /** What each level adds, from the character's class. */
    public record Growth(int hp, int mp, int attack, int defense) {

        public static final Growth NONE = new Growth(0, 0, 0, 0);
    }
}
