package com.mmorpg.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mob types of the content folder's {@code mobs.json}, by key. */
public final class MobCatalog {

    private final Map<String, MobType> byKey;

    /** Types built in code (tests, benchmarks); {@code mobs.json} is checked by {@link WorldContent#load}. */
    public MobCatalog(List<MobType> types) {
        Map<String, MobType> map = new LinkedHashMap<>();
        for (MobType type : types) {
            String problem = MobTypes.problem(type);
            if (problem != null) {
                throw new IllegalArgumentException("mob type " + type.key() + ": " + problem);
            }
            if (map.put(type.key(), type) != null) {
                throw new IllegalArgumentException("mob type " + type.key() + " is defined twice");
            }
        }
        this.byKey = Collections.unmodifiableMap(map); // in the file's order
    }

    public MobType get(String key) {
        MobType type = byKey.get(key);
        if (type == null) {
            throw new IllegalArgumentException("unknown mob type '" + key + "' (known: " + byKey.keySet() + ")");
        }
        return type;
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    public List<MobType> all() {
        return List.copyOf(byKey.values());
    }
}
