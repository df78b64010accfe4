package com.mmorpg.mapserver.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The mob types of the content folder's {@code mobs.json}, by key; checked so that every map's zones name a known type. */
public final class MobCatalog {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, MobType> byKey;

    public MobCatalog(List<MobType> types) {
        Map<String, MobType> map = new LinkedHashMap<>();
        for (MobType type : types) {
            if (type.hp() < 1 || type.speed() <= 0 || type.attackCooldownTicks() < 1 || type.respawnDelayTicks() < 1
                    || type.leashRadius() < type.aggroRadius()) {
                throw new InvalidMapException("mob type " + type.key() + " has impossible numbers");
            }
            if (map.put(type.key(), type) != null) {
                throw new InvalidMapException("mob type " + type.key() + " is defined twice");
            }
        }
        this.byKey = Map.copyOf(map);
    }

    /** The mob types of {@code mobs.json} in the content folder {@code content}. */
    public static MobCatalog load(Path content) {
        Path file = ContentFolder.require(content).resolve("mobs.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidMapException("mobs.json is missing from the content folder " + ContentFolder.describe(content));
        }
        try {
            return new MobCatalog(JSON.readValue(Files.readAllBytes(file), MobsFile.class).mobs());
        } catch (IOException | JacksonException e) {
            throw new InvalidMapException("mobs.json is not valid: " + e.getMessage(), e);
        }
    }

    public MobType get(String key) {
        MobType type = byKey.get(key);
        if (type == null) {
            throw new InvalidMapException("unknown mob type '" + key + "' (known: " + byKey.keySet() + ")");
        }
        return type;
    }

    public List<MobType> all() {
        return List.copyOf(byKey.values());
    }

    /** Fails when a zone of {@code map} names a type that does not exist. */
    public void check(GameMap map) {
        map.mobZones().forEach(zone -> get(zone.mob()));
    }

    record MobsFile(List<MobType> mobs) {
    }
}
