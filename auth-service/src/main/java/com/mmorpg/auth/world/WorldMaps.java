package com.mmorpg.auth.world;

import com.mmorpg.auth.content.ContentSync;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The world's maps, read once at start-up after {@link ContentSync} wrote the content folder's maps and spawn points. */
@Service
public class WorldMaps {

    /** Where new characters start. */
    public static final int STARTING_MAP = 1;

    private final Map<Integer, WorldMap> maps;

    WorldMaps(WorldMapRepository repository, ContentSync synced) {
        this.maps = repository.findAll().stream().collect(Collectors.toUnmodifiableMap(WorldMap::getId, Function.identity()));
        if (!maps.containsKey(STARTING_MAP)) {
            throw new IllegalStateException("world_maps has no starting map " + STARTING_MAP);
        }
    }

    public Optional<WorldMap> find(int mapId) {
        return Optional.ofNullable(maps.get(mapId));
    }

    public WorldMap startingMap() {
        return maps.get(STARTING_MAP);
    }
}
