package com.mmorpg.content;

/**
 * A kind of monster, from {@code mobs.json}: its numbers in pixels, ticks and points. An elite is a
 * stronger variant (more hp, attack and exp) of a regular type.
 */
public record MobType(String key, int id, String name, int hp, int attack, int defense, float speed, float aggroRadius,
        float attackRange, int attackCooldownTicks, float leashRadius, long expReward, int respawnDelayTicks,
        boolean elite) {
}
