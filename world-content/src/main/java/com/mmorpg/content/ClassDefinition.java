package com.mmorpg.content;

/**
 * A playable class from {@code classes.json}: level-1 stats and what each further level adds. Its id is
 * stable: characters refer to it.
 */
public record ClassDefinition(int id, String name, String description, int hp, int mp, int attack, int defense, double speed,
        double attackRange, Growth growth) {

    /** What each level after the first adds. */
    public record Growth(int hp, int mp, int attack, int defense) {
    }
}
