package com.mmorpg.content;

/**
 * One line of a mob type's loot table ({@code loot.json}): when the mob is killed, {@code chance} (0-1]
 * of dropping between {@code min} and {@code max} of {@code item}, rolled for each line on its own.
 */
public record LootEntry(String item, double chance, int min, int max) {
}
