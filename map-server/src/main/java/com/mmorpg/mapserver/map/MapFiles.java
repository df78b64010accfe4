package com.mmorpg.mapserver.map;

import com.mmorpg.common.protocol.MapLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads {@code maps/<id>.json} from the content folder ({@code CONTENT_DIR}) and checks that it is playable:
 * every row as wide as the map, only known tile characters, the spawn point and gate targets on free
 * ground, areas inside the map.
 */
public final class MapFiles {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern MAP_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

    /** Half the size of a character's collision box, in pixels. */
    public static final float ENTITY_HALF_SIZE = 10f;

    private MapFiles() {
    }

    /** Map {@code mapId} of the content folder {@code content}. */
    public static GameMap load(Path content, int mapId) {
        String source = "maps/" + mapId + ".json"; // as the content folder names it
        Path path = content.resolve(source);
        if (!Files.isRegularFile(path)) {
            throw new UnknownMapException(mapId, ContentFolder.describe(content), ids(content).toString());
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            MapFile file = JSON.readValue(bytes, MapFile.class);
            require(file.id() == mapId, source + ": its id is " + file.id() + ", not the " + mapId + " of its name");
            parse(file, source, null); // checked first: the definition is made from a playable file
            String definition = definition(JSON.readTree(bytes), file);
            require(definition.length() <= MapLayout.MAX_DEFINITION_CHARS, source + " is " + definition.length()
                    + " characters as clients receive it (MapLayout), more than the " + MapLayout.MAX_DEFINITION_CHARS + " they accept");
            return parse(file, source, definition);
        } catch (IOException | JacksonException e) {
            throw new InvalidMapException(source + " is not valid map JSON: " + e.getMessage(), e);
        }
    }

    /** The ids of the maps in the content folder {@code content} ({@code maps/<id>.json}), in order. */
    public static List<Integer> ids(Path content) {
        Path maps = ContentFolder.require(content).resolve("maps");
        if (!Files.isDirectory(maps)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(maps)) {
            return files.map(file -> MAP_FILE.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> Integer.valueOf(match.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new InvalidMapException("cannot list " + maps + ": " + e.getMessage(), e);
        }
    }

    static GameMap parse(MapFile file, String source) {
        return parse(file, source, null);
    }

    /**
     * @param definition the file's JSON, compact, as clients receive it; null to derive it from the
     *     parsed file
     */
    static GameMap parse(MapFile file, String source, String definition) {
        require(file.tiles() != null && !file.tiles().isEmpty(), source + ": tiles missing");
        require(file.tileSize() >= 8 && file.tileSize() <= 256, source + ": tile_size must be 8-256");
        int height = file.tiles().size();
        int width = file.tiles().getFirst().length();
        String blockedChars = blockedChars(file);
        boolean[] blocked = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            String row = file.tiles().get(y);
            require(row.length() == width, source + ": row " + y + " is " + row.length() + " tiles wide, expected " + width);
            for (int x = 0; x < width; x++) {
                String tile = String.valueOf(row.charAt(x));
                require(file.legend() == null || file.legend().containsKey(tile),
                        source + ": row " + y + " column " + x + " uses '" + tile + "', which the legend does not name");
                blocked[y * width + x] = blockedChars.contains(tile);
            }
        }
        List<Gate> gates = file.gates() == null ? List.of() : file.gates();
        List<MobZone> zones = file.mobZones() == null ? List.of() : file.mobZones();
        require(file.spawn() != null, source + ": spawn missing");
        GameMap map = new GameMap(file.id(), file.name(), file.tileSize(), width, height, blocked, file.spawn(), gates, zones,
                definition);
        require(map.boxIsFree(file.spawn().x(), file.spawn().y(), ENTITY_HALF_SIZE), source + ": spawn point is blocked");
        List<TileRect> areas = new ArrayList<>();
        gates.forEach(g -> areas.add(g.area()));
        zones.forEach(z -> areas.add(z.area()));
        for (TileRect area : areas) {
            require(area.x() >= 0 && area.y() >= 0 && area.x() + area.w() <= width && area.y() + area.h() <= height,
                    source + ": area " + area + " is outside the map");
        }
        for (Gate gate : gates) {
            require(map.gateAt(file.spawn().x(), file.spawn().y()) != gate, source + ": spawn point is inside gate " + gate.name());
        }
        return map;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidMapException(problem);
        }
    }

    /**
     * The file as clients receive it: as written, compact, with what the server assumes where the file
     * is silent made explicit (the blocking characters, a legend, no gates, no mob zones), so a client
     * draws and blocks exactly what the server simulates.
     */
    static String definition(JsonNode tree, MapFile file) {
        ObjectNode definition = ((ObjectNode) tree).deepCopy();
        String blocked = blockedChars(file);
        definition.put("blocked", blocked);
        if (file.legend() == null) {
            ObjectNode legend = definition.putObject("legend");
            file.tiles().forEach(row -> row.chars().forEach(c -> legend.put(String.valueOf((char) c),
                    blocked.indexOf(c) >= 0 ? "wall" : "grass")));
        }
        if (file.gates() == null) {
            definition.putArray("gates");
        }
        if (file.mobZones() == null) {
            definition.putArray("mob_zones");
        }
        return JSON.writeValueAsString(definition);
    }

    private static String blockedChars(MapFile file) {
        return file.blocked() == null ? "#" : file.blocked();
    }

    /** A definition for a map built in code: its blocked tiles as walls ('#') on grass ('.'). */
    static String describe(GameMap map) {
        List<String> rows = new ArrayList<>(map.heightTiles());
        for (int y = 0; y < map.heightTiles(); y++) {
            StringBuilder row = new StringBuilder(map.widthTiles());
            for (int x = 0; x < map.widthTiles(); x++) {
                row.append(map.isBlockedTile(x, y) ? '#' : '.');
            }
            rows.add(row.toString());
        }
        return JSON.writeValueAsString(new MapFile(map.id(), map.name(), map.tileSize(), Map.of(".", "grass", "#", "wall"), "#",
                map.spawn(), rows, map.gates(), map.mobZones()));
    }

    /** The file as written: snake_case JSON. */
    record MapFile(int id, String name, int tileSize, Map<String, String> legend, String blocked, Point spawn,
            List<String> tiles, List<Gate> gates, List<MobZone> mobZones) {
    }
}
