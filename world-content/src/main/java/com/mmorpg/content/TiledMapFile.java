package com.mmorpg.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a map drawn in <a href="https://www.mapeditor.org">Tiled</a> and exported as JSON
 * ({@code maps/<id>.tmj}; orthogonal, finite, square tiles of any size). What the server needs comes
 * from the map's layers:
 * <ul>
 * <li>blocked tiles: every tile of a tile layer named {@code collision}, and every tile whose tileset
 * gives it the boolean property {@code blocked};</li>
 * <li>objects by their class (Tiled's "Class", {@code type} in older files): one {@code spawn} (a point,
 * or the name {@code spawn}); {@code gate} rectangles with {@code to_map} (int), {@code to_x} and
 * {@code to_y} (pixels); {@code mob_zone} rectangles with {@code mob} (a mob key) and {@code count};
 * {@code safe_zone} rectangles. Rectangles cover the whole tiles they touch. Objects without a class are
 * decoration and are left alone.</li>
 * </ul>
 * Tilesets may be embedded or exported beside the map as JSON ({@code .tsj}); their images must be in
 * the content folder. The map's name is its {@code name} property, else "Map &lt;id&gt;".
 *
 * <p>Why one class of this size: Tiled's format (layers, tilesets, objects and their properties) is read
 * in one pass with every problem's file and place; splitting it would pass that place around.
 */
final class TiledMapFile {

    static final int MAX_SIDE_TILES = 1024;
    /** Tiled keeps flip and rotation flags in a gid's top four bits. */
    private static final long GID_MASK = 0x0FFF_FFFFL;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KINDS = Set.of("spawn", "gate", "mob_zone", "safe_zone");

    private final Path folder;
    private final String file;
    private final ContentProblems problems;
    private final Set<Long> blockedGids = new HashSet<>();
    private final List<long[]> gidRanges = new ArrayList<>();
    private int width;
    private int height;
    private int tileSize;
    private boolean[] blocked;
    private final List<Point> spawns = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();
    private final List<MobZone> mobZones = new ArrayList<>();
    private final List<SafeZone> safeZones = new ArrayList<>();
    private final Set<String> assets;

    private TiledMapFile(Path folder, String file, ContentProblems problems, Set<String> assets) {
        this.folder = folder;
        this.file = file;
        this.problems = problems;
        this.assets = assets;
    }

    /**
     * The map in {@code bytes} (the file {@code file} of {@code folder}, named for map {@code id}), or null
     * with its problems added; the tilesets and images it draws with are added to {@code assets} (paths
     * relative to the folder), which clients may fetch.
     */
    static GameMap read(Path folder, String file, int id, byte[] bytes, ContentProblems problems, Set<String> assets) {
        return new TiledMapFile(folder, file, problems, assets).read(id, bytes);
    }

    private GameMap read(int id, byte[] bytes) {
        JsonNode map;
        try {
            map = JSON.readTree(bytes);
        } catch (JacksonException e) {
            problems.add(file, e);
            return null;
        }
        int before = problems.size();
        if (!problems.check(map.isObject() && "map".equals(map.path("type").asString("map")), file, "", "is not a Tiled map (its type is not \"map\")")
                || !problems.check("orthogonal".equals(map.path("orientation").asString("")), file, "orientation",
                        "is \"" + map.path("orientation").asString("") + "\"; the server simulates orthogonal maps only")
                || !problems.check(!map.path("infinite").asBoolean(false), file, "infinite",
                        "the map is infinite; untick Map > Map Properties > Infinite and export again")) {
            return null;
        }
        width = intField(map, "width", 1, MAX_SIDE_TILES, "");
        height = intField(map, "height", 1, MAX_SIDE_TILES, "");
        tileSize = intField(map, "tilewidth", 8, 256, "");
        int tileHeight = intField(map, "tileheight", 8, 256, "");
        if (problems.size() > before
                || !problems.check(tileSize == tileHeight, file, "tilewidth", tileSize + " differs from tileheight " + tileHeight + ": tiles must be square")) {
            return null;
        }
        blocked = new boolean[width * height];
        JsonNode tilesets = map.path("tilesets");
        for (int i = 0; i < tilesets.size(); i++) {
            tileset(tilesets.get(i), "tileset " + i);
        }
        layers(map.path("layers"), "");
        problems.check(spawns.size() == 1, file, "objects", spawns.isEmpty()
                ? "no spawn: add a point object of class \"spawn\" where characters appear"
                : spawns.size() + " spawn objects; a map has one");
        if (problems.size() > before) {
            return null;
        }
        String property = stringProperty(map, "name");
        String name = property == null || property.isBlank() ? "Map " + id : property;
        GameMap grid = new GameMap(id, name, tileSize, width, height, blocked, spawns.getFirst(), gates, mobZones, safeZones, null);
        GameMap result = new GameMap(id, name, tileSize, width, height, blocked, spawns.getFirst(), gates, mobZones, safeZones,
                ClientDefinition.ofTiled(grid, file));
        MapChecks.inside(result, file, problems);
        return problems.size() > before ? null : result;
    }

    private void tileset(JsonNode tileset, String place) {
        long firstGid = tileset.path("firstgid").asLong(0);
        if (!problems.check(firstGid >= 1, file, place, "firstgid missing")) {
            return;
        }
        String where = file;
        Path base = folder.resolve(file).getParent();
        if (tileset.has("source")) {
            String source = tileset.path("source").asString("");
            if (!problems.check(source.endsWith(".tsj") || source.endsWith(".json"), file, place, "\"" + source
                    + "\" is not a JSON tileset; export it as .tsj (File > Export As) or embed it in the map")) {
                return;
            }
            Path path = inFolder(base.resolve(source), file, place, source);
            if (path == null) {
                return;
            }
            where = folder.toAbsolutePath().normalize().relativize(path).toString().replace('\\', '/');
            base = path.getParent();
            try {
                tileset = JSON.readTree(Files.readAllBytes(path));
            } catch (JacksonException e) {
                problems.add(where, e);
                return;
            } catch (IOException e) {
                problems.add(where, "", "cannot be read: " + e.getMessage());
                return;
            }
            place = "";
        }
        long count = tileset.path("tilecount").asLong(0);
        if (tileset.has("image")) {
            inFolder(base.resolve(tileset.path("image").asString("")), where, place.isEmpty() ? "image" : place + " image",
                    tileset.path("image").asString(""));
        }
        JsonNode tiles = tileset.path("tiles");
        for (int i = 0; i < tiles.size(); i++) {
            JsonNode tile = tiles.get(i);
            long tileId = tile.path("id").asLong(-1);
            count = Math.max(count, tileId + 1);
            if (tile.has("image")) {
                inFolder(base.resolve(tile.path("image").asString("")), where, (place.isEmpty() ? "" : place + " ") + "tile " + tileId + " image",
                        tile.path("image").asString(""));
            }
            if (booleanProperty(tile, "blocked")) {
                blockedGids.add(firstGid + tileId);
            }
        }
        problems.check(count >= 1, where, place.isEmpty() ? "tilecount" : place, "the tileset has no tiles");
        gidRanges.add(new long[] {firstGid, firstGid + count});
    }

    /** {@code path} when it is a file inside the content folder; otherwise null and a problem on {@code where}. */
    private Path inFolder(Path path, String where, String place, String written) {
        Path normal = path.toAbsolutePath().normalize();
        if (!problems.check(normal.startsWith(folder.toAbsolutePath().normalize()), where, place,
                "\"" + written + "\" is outside the content folder; keep tilesets and images inside it")
                || !problems.check(Files.isRegularFile(normal), where, place, "\"" + written + "\" does not exist")) {
            return null;
        }
        assets.add(folder.toAbsolutePath().normalize().relativize(normal).toString().replace('\\', '/'));
        return normal;
    }

    private void layers(JsonNode layers, String parent) {
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String name = layer.path("name").asString("");
            String place = "layer \"" + parent + name + "\"";
            switch (layer.path("type").asString("")) {
                case "tilelayer" -> tileLayer(layer, place, name.equalsIgnoreCase("collision"));
                case "objectgroup" -> objects(layer.path("objects"), place);
                case "group" -> layers(layer.path("layers"), parent + name + "/");
                default -> {
                    // image layers draw and do not play
                }
            }
        }
    }

    private void tileLayer(JsonNode layer, String place, boolean collision) {
        if (!problems.check(layer.path("width").asInt(width) == width && layer.path("height").asInt(height) == height, file, place,
                "is " + layer.path("width").asInt(0) + "x" + layer.path("height").asInt(0) + " tiles, the map " + width + "x" + height)) {
            return;
        }
        long[] gids = gids(layer, place);
        if (gids == null) {
            return;
        }
        int unknown = 0;
        for (int i = 0; i < gids.length; i++) {
            long gid = gids[i] & GID_MASK;
            if (gid == 0) {
                continue;
            }
            if (!known(gid)) {
                if (unknown++ == 0) {
                    problems.add(file, place + " row " + i / width + " column " + i % width, "tile gid " + gid + " belongs to no tileset");
                }
                continue;
            }
            if (collision || blockedGids.contains(gid)) {
                blocked[i] = true;
            }
        }
    }

    private boolean known(long gid) {
        for (long[] range : gidRanges) {
            if (gid >= range[0] && gid < range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The layer's tiles, written as a JSON array or base64 (uncompressed, zlib or gzip); null with a problem when they are not exactly width x height. */
    private long[] gids(JsonNode layer, String place) {
        int expected = width * height;
        JsonNode data = layer.path("data");
        if (data.isArray()) {
            if (!problems.check(data.size() == expected, file, place, "has " + data.size() + " tiles, the map " + expected)) {
                return null;
            }
            long[] gids = new long[expected];
            for (int i = 0; i < expected; i++) {
                gids[i] = data.get(i).asLong(0);
            }
            return gids;
        }
        if (!problems.check(data.isString() && "base64".equals(layer.path("encoding").asString("")), file, place,
                "has no tile data (an array, or base64)")) {
            return null;
        }
        String compression = layer.path("compression").asString("");
        byte[] raw;
        try {
            byte[] decoded = Base64.getDecoder().decode(data.asString().strip());
            raw = switch (compression) {
                case "" -> decoded;
                case "zlib" -> inflate(new InflaterInputStream(new ByteArrayInputStream(decoded)), expected * 4);
                case "gzip" -> inflate(new GZIPInputStream(new ByteArrayInputStream(decoded)), expected * 4);
                default -> null;
            };
        } catch (IllegalArgumentException | IOException e) {
            problems.add(file, place, "its base64 tile data cannot be decoded: " + e.getMessage());
            return null;
        }
        if (!problems.check(raw != null, file, place, "compression \"" + compression
                + "\" is not supported; choose CSV, Base64 (uncompressed), zlib or gzip in Tiled's map properties")
                || !problems.check(raw.length == expected * 4, file, place, "has " + raw.length / 4 + " tiles, the map " + expected)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] gids = new long[expected];
        for (int i = 0; i < expected; i++) {
            gids[i] = Integer.toUnsignedLong(buffer.getInt());
        }
        return gids;
    }

    /** At most {@code limit} + 4 bytes, so a lying stream shows as a wrong tile count rather than a large allocation. */
    private static byte[] inflate(InputStream in, int limit) throws IOException {
        try (in) {
            return in.readNBytes(limit + 4);
        }
    }

    private void objects(JsonNode objects, String layer) {
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String name = object.path("name").asString("");
            String kind = object.path("type").asString(object.path("class").asString("")).toLowerCase(Locale.ROOT);
            if (kind.isEmpty() && name.equalsIgnoreCase("spawn")) {
                kind = "spawn";
            }
            String place = layer + " object " + object.path("id").asInt(i) + (name.isEmpty() ? "" : " \"" + name + "\"");
            if (kind.isEmpty()) {
                continue;
            }
            if (!problems.check(KINDS.contains(kind), file, place, "class \"" + kind + "\" is none of " + KINDS.stream().sorted().toList()
                    + "; leave the class empty for decoration")
                    || !problems.check(object.path("rotation").asDouble(0) == 0, file, place, "is rotated; the server's areas are upright")) {
                continue;
            }
            float x = (float) object.path("x").asDouble(0);
            float y = (float) object.path("y").asDouble(0);
            if (kind.equals("spawn")) {
                spawns.add(object.path("point").asBoolean(false) ? new Point(x, y)
                        : new Point(x + (float) object.path("width").asDouble(0) / 2, y + (float) object.path("height").asDouble(0) / 2));
                continue;
            }
            TileRect area = area(object, place);
            if (area == null) {
                continue;
            }
            switch (kind) {
                case "gate" -> {
                    Integer toMap = intProperty(object, "to_map", place);
                    Double toX = numberProperty(object, "to_x", place);
                    Double toY = numberProperty(object, "to_y", place);
                    if (toMap != null && toX != null && toY != null) {
                        gates.add(new Gate(name.isEmpty() ? "gate " + object.path("id").asInt(i) : name, area, toMap,
                                new Point(toX.floatValue(), toY.floatValue())));
                    }
                }
                case "mob_zone" -> {
                    String mob = stringProperty(object, "mob");
                    Integer count = intProperty(object, "count", place);
                    if (problems.check(mob != null && !mob.isBlank(), file, place, "property mob (a key of mobs.json) missing") && count != null) {
                        mobZones.add(new MobZone(mob, count, area));
                    }
                }
                default -> safeZones.add(new SafeZone(name.isEmpty() ? "safe zone " + object.path("id").asInt(i) : name, area));
            }
        }
    }

    /** The whole tiles a rectangle object touches. */
    private TileRect area(JsonNode object, String place) {
        double x = object.path("x").asDouble(0);
        double y = object.path("y").asDouble(0);
        double w = object.path("width").asDouble(0);
        double h = object.path("height").asDouble(0);
        if (!problems.check(w > 0 && h > 0 && !object.path("point").asBoolean(false) && !object.has("polygon") && !object.has("ellipse"),
                file, place, "must be a rectangle")) {
            return null;
        }
        int x0 = (int) Math.floor(x / tileSize);
        int y0 = (int) Math.floor(y / tileSize);
        int x1 = (int) Math.ceil((x + w) / tileSize);
        int y1 = (int) Math.ceil((y + h) / tileSize);
        return new TileRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private int intField(JsonNode node, String field, int min, int max, String place) {
        JsonNode value = node.path(field);
        boolean ok = value.isIntegralNumber() && value.asLong() >= min && value.asLong() <= max;
        problems.check(ok, file, place.isEmpty() ? field : place + " " + field, "must be a whole number " + min + "-" + max + ", is " + value);
        return ok ? value.asInt() : 0;
    }

    private static JsonNode property(JsonNode node, String name) {
        for (JsonNode property : node.path("properties")) {
            if (name.equals(property.path("name").asString(""))) {
                return property.path("value");
            }
        }
        return null;
    }

    private static String stringProperty(JsonNode node, String name) {
        JsonNode value = property(node, name);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static boolean booleanProperty(JsonNode node, String name) {
        JsonNode value = property(node, name);
        return value != null && value.isBoolean() && value.asBoolean();
    }

    private Integer intProperty(JsonNode node, String name, String place) {
        JsonNode value = property(node, name);
        return problems.check(value != null && value.isIntegralNumber() && value.canConvertToInt(), file, place,
                "property " + name + " (int) missing or not a whole number") ? value.asInt() : null;
    }

    private Double numberProperty(JsonNode node, String name, String place) {
        JsonNode value = property(node, name);
        return problems.check(value != null && value.isNumber(), file, place, "property " + name + " (pixels) missing or not a number")
                ? value.asDouble() : null;
    }
}
