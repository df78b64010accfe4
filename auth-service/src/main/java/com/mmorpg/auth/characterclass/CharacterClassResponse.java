package com.mmorpg.auth.characterclass;

/** One entry of {@code GET /character-classes}. */
public record CharacterClassResponse(String id, String name, String description, int hp, int mp, int attack,
        int defense, double speed, double attackRange, Growth growth) {

    /** What each level after the first adds. */
    public record Growth(int hp, int mp, int attack, int defense) {
    }

    public static CharacterClassResponse of(CharacterClass c) {
        return new CharacterClassResponse(String.valueOf(c.getId()), c.getName(), c.getDescription(), c.getHp(),
                c.getMp(), c.getAttack(), c.getDefense(), c.getSpeed(), c.getAttackRange(),
                new Growth(c.getHpPerLevel(), c.getMpPerLevel(), c.getAttackPerLevel(), c.getDefensePerLevel()));
    }
}
