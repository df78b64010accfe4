package com.mmorpg.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code items.json}: {@code {"items": [{key, id, name, kind, slot, stack, level, attack, defense,
 * heal, cooldown_ticks}]}}. {@code kind} is {@code weapon}, {@code armor}, {@code consumable} or
 * {@code material}; {@code slot} ({@code weapon}, {@code head}, {@code body}, {@code feet}) only for what
 * is worn (a weapon's is {@code weapon}); {@code stack} defaults to 1, {@code level} to 1, the rest to 0.
 */
final class ItemTypes {

    static final String FILE = "items.json";
    /** The largest stack a slot holds: quantities travel as varints and add up without overflow. */
    static final int MAX_STACK = 9_999;
    static final int MAX_ITEM_ID = 1_000_000;

    private ItemTypes() {
    }

    /** The item types in {@code bytes}, or null with their problems added. */
    static List<ItemType> read(byte[] bytes, ContentProblems problems) {
        File read = ContentJson.read(FILE, bytes, File.class, problems);
        if (read == null) {
            return null;
        }
        if (!problems.check(read.items() != null, FILE, "items", "missing (write \"items\": [] for a world without items)")) {
            return null;
        }
        int before = problems.size();
        Set<String> keys = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        List<ItemType> types = new ArrayList<>();
        for (int i = 0; i < read.items().size(); i++) {
            Entry entry = read.items().get(i);
            String place = "items[" + i + "]" + (entry.key() == null ? "" : " (" + entry.key() + ")");
            if (!problems.check(entry.key() != null && entry.key().matches("[a-z][a-z0-9_]{0,31}"), FILE, place,
                    "key must be 1-32 lower-case letters, digits or _, starting with a letter")) {
                continue;
            }
            problems.check(keys.add(entry.key()), FILE, place, "key " + entry.key() + " is used by an earlier item type");
            problems.check(entry.id() == null || ids.add(entry.id()), FILE, place, "id " + entry.id() + " is used by an earlier item type");
            ItemType.Kind kind = enumOf(ItemType.Kind.class, entry.kind());
            if (!problems.check(kind != null, FILE, place, "kind must be weapon, armor, consumable or material, not " + entry.kind())) {
                continue;
            }
            ItemType.Slot slot = entry.slot() == null ? null : enumOf(ItemType.Slot.class, entry.slot());
            if (!problems.check(entry.slot() == null || slot != null, FILE, place,
                    "slot must be weapon, head, body or feet, not " + entry.slot())) {
                continue;
            }
            ItemType type = new ItemType(entry.key(), entry.id() == null ? 0 : entry.id(), entry.name(), kind,
                    slot == null && kind == ItemType.Kind.WEAPON ? ItemType.Slot.WEAPON : slot, or(entry.stack(), 1),
                    or(entry.level(), 1), or(entry.attack(), 0), or(entry.defense(), 0), or(entry.heal(), 0),
                    or(entry.cooldownTicks(), 0));
            String problem = problem(type);
            if (problems.check(problem == null, FILE, place, String.valueOf(problem))) {
                types.add(type);
            }
        }
        return problems.size() > before ? null : types;
    }

    /** What makes a type unusable, or null. */
    static String problem(ItemType type) {
        if (type.id() < 1 || type.id() > MAX_ITEM_ID) {
            return "id must be 1 to " + MAX_ITEM_ID;
        }
        if (type.name() == null || type.name().isBlank() || type.name().length() > 64) {
            return "name must be 1-64 characters";
        }
        if (type.kind() == null) {
            return "kind missing";
        }
        if (type.stack() < 1 || type.stack() > MAX_STACK) {
            return "stack must be 1 to " + MAX_STACK;
        }
        if (type.level() < 1 || type.attack() < 0 || type.defense() < 0 || type.heal() < 0 || type.cooldownTicks() < 0) {
            return "level must be 1 or more; attack, defense, heal and cooldown_ticks 0 or more";
        }
        if (type.wearable()) {
            if (type.slot() == null) {
                return "armor needs a slot: head, body or feet";
            }
            if ((type.kind() == ItemType.Kind.WEAPON) != (type.slot() == ItemType.Slot.WEAPON)) {
                return "a weapon is worn in the weapon slot, armor in head, body or feet";
            }
            if (type.stack() != 1) {
                return "what is worn does not stack: stack must be 1";
            }
            if (type.heal() != 0) {
                return "only a consumable heals";
            }
        } else {
            if (type.slot() != null) {
                return "only weapons and armor have a slot";
            }
            if (type.attack() != 0 || type.defense() != 0) {
                return "only weapons and armor add attack or defense";
            }
        }
        if (type.kind() == ItemType.Kind.CONSUMABLE && type.heal() < 1) {
            return "a consumable must heal: heal 1 or more";
        }
        if (type.kind() != ItemType.Kind.CONSUMABLE && type.cooldownTicks() != 0) {
            return "only a consumable has a cooldown";
        }
        return null;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        return null;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    record File(List<Entry> items) {
    }

    /** One item as written: optional fields are null when left out. */
    record Entry(String key, Integer id, String name, String kind, String slot, Integer stack, Integer level,
            Integer attack, Integer defense, Integer heal, Integer cooldownTicks) {
    }
}
