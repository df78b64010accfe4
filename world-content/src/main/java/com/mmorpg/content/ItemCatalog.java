package com.mmorpg.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The item types of {@code items.json} and the loot tables of {@code loot.json} (by mob type key); empty
 * for a world without items. Everything in it was checked: every loot line names an item, quantities fit
 * a stack.
 */
public final class ItemCatalog {

    public static final ItemCatalog EMPTY = new ItemCatalog(List.of(), Map.of());

    private final Map<String, ItemType> byKey;
    private final Map<Integer, ItemType> byId;
    private final Map<String, List<LootEntry>> loot;

    /** Types and tables built in code (tests, benchmarks); the files are checked by {@link WorldContent#load}. */
    public ItemCatalog(List<ItemType> types, Map<String, List<LootEntry>> loot) {
        Map<String, ItemType> keys = new LinkedHashMap<>();
        Map<Integer, ItemType> ids = new LinkedHashMap<>();
        for (ItemType type : types) {
            String problem = ItemTypes.problem(type);
            if (problem != null) {
                throw new IllegalArgumentException("item type " + type.key() + ": " + problem);
            }
            if (keys.put(type.key(), type) != null || ids.put(type.id(), type) != null) {
                throw new IllegalArgumentException("item type " + type.key() + " is defined twice");
            }
        }
        Map<String, List<LootEntry>> tables = new LinkedHashMap<>();
        loot.forEach((mob, entries) -> {
            for (LootEntry entry : entries) {
                String problem = LootTables.problem(entry, keys.get(entry.item()));
                if (problem != null) {
                    throw new IllegalArgumentException("loot of " + mob + ": " + problem);
                }
            }
            tables.put(mob, List.copyOf(entries));
        });
        this.byKey = Collections.unmodifiableMap(keys);
        this.byId = Collections.unmodifiableMap(ids);
        this.loot = Collections.unmodifiableMap(tables);
    }

    public Optional<ItemType> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public ItemType get(String key) {
        ItemType type = byKey.get(key);
        if (type == null) {
            throw new IllegalArgumentException("unknown item type '" + key + "' (known: " + byKey.keySet() + ")");
        }
        return type;
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** In the file's order. */
    public List<ItemType> all() {
        return List.copyOf(byKey.values());
    }

    /** What mob type {@code mobKey} may drop; empty when it drops nothing. */
    public List<LootEntry> lootOf(String mobKey) {
        return loot.getOrDefault(mobKey, List.of());
    }

    /** The loot tables by mob type key. */
    public Map<String, List<LootEntry>> lootTables() {
        return loot;
    }
}
