package com.mmorpg.content;

import java.util.Locale;

/**
 * A kind of item, from {@code items.json}. {@code stack}: how many fit in one inventory slot (1 for
 * what is worn); {@code level}: the character level needed to equip or use it; {@code attack} and
 * {@code defense}: what wearing it adds; {@code heal}: hp a consumable restores, at most once per
 * {@code cooldownTicks}.
 */
public record ItemType(String key, int id, String name, Kind kind, Slot slot, int stack, int level, int attack,
        int defense, int heal, int cooldownTicks) {

    /** What an item is for. */
    public enum Kind {
        WEAPON, ARMOR, CONSUMABLE, MATERIAL;

        /** As {@code items.json} writes it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a worn item goes; a character wears one item in each. */
    public enum Slot {
        WEAPON, HEAD, BODY, FEET;

        /** As {@code items.json} writes it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether it is worn (a weapon or armor). */
    public boolean wearable() {
        return kind == Kind.WEAPON || kind == Kind.ARMOR;
    }
}
