package com.mmorpg.content;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a map in our own JSON ({@code maps/<id>.json}): rows of tile characters, a legend naming them,
 * the characters that block ({@code "#"} when unsaid), the spawn point, gates, mob zones and safe zones,
 * areas in whole tiles.
 */
final class AsciiMapFile {

    private AsciiMapFile() {
    }

    /** The map in {@code bytes} (the file {@code file}, named for map {@code id}), or null with its problems added. */
    static GameMap read(String file, int id, byte[] bytes, ContentProblems problems) {
        Fields fields = ContentJson.read(file, bytes, Fields.class, problems);
        if (fields == null) {
            return null;
        }
        ObjectNode tree = (ObjectNode) ContentJson.STRICT.readTree(bytes);
        int before = problems.size();
        problems.check(fields.id() == id, file, "id", "is " + fields.id() + ", not the " + id + " of the file's name");
        problems.check(fields.name() != null && !fields.name().isBlank(), file, "name", "missing");
        problems.check(fields.tileSize() >= 8 && fields.tileSize() <= 256, file, "tile_size", "must be 8-256, is " + fields.tileSize());
        if (!problems.check(fields.tiles() != null && !fields.tiles().isEmpty() && !fields.tiles().getFirst().isEmpty(), file,
                "tiles", "missing: a map has at least one row of tiles")
                | !problems.check(fields.spawn() != null, file, "spawn", "missing: where characters appear on the map")) {
            return null;
        }
        String blockedChars = fields.blocked() == null ? "#" : fields.blocked();
        int height = fields.tiles().size();
        int width = fields.tiles().getFirst().length();
        boolean[] blocked = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            String row = fields.tiles().get(y);
            if (!problems.check(row.length() == width, file, "row " + y, "is " + row.length() + " tiles wide, the first row " + width)) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                String tile = String.valueOf(row.charAt(x));
                problems.check(fields.legend() == null || fields.legend().containsKey(tile), file, "row " + y + " column " + x,
                        "tile '" + tile + "' is not in the legend " + (fields.legend() == null ? "" : fields.legend().keySet()));
                blocked[y * width + x] = blockedChars.contains(tile);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        List<Gate> gates = fields.gates() == null ? List.of() : fields.gates();
        List<MobZone> mobZones = fields.mobZones() == null ? List.of() : fields.mobZones();
        List<SafeZone> safeZones = fields.safeZones() == null ? List.of() : fields.safeZones();
        GameMap map = new GameMap(id, fields.name(), fields.tileSize(), width, height, blocked, fields.spawn(), gates, mobZones,
                safeZones, ClientDefinition.ofAscii(tree, fields.tiles(), blockedChars));
        MapChecks.inside(map, file, problems);
        return problems.size() > before ? null : map;
    }

    /** The file's fields: snake_case JSON. */
    record Fields(int id, String name, int tileSize, Map<String, String> legend, String blocked, Point spawn, List<String> tiles,
            List<Gate> gates, List<MobZone> mobZones, List<SafeZone> safeZones) {
    }
}
