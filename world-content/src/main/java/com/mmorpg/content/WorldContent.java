package com.mmorpg.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The studio's content folder ({@code CONTENT_DIR}), read and checked whole: {@code maps/<id>.json} (our
 * JSON) or {@code maps/<id>.tmj} (Tiled), {@code mobs.json}, {@code classes.json}, optionally {@code items.json} and {@code loot.json}, and the tilesets and
 * images maps use. Every service reads the same folder; its {@link #version()} (a hash of every file)
 * tells whether two servers run the same world.
 */
public final class WorldContent {

    /** Where new characters start: the folder must have it. */
    public static final int STARTING_MAP = 1;
    /** The longest map definition clients accept (the wire protocol's {@code MapLayout} says the same). */
    public static final int MAX_CLIENT_DEFINITION_CHARS = 60_000;
    private static final Pattern MAP_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.(json|tmj|tmx)");

    private final Path folder;
    private final String version;
    private final Map<Integer, GameMap> maps;
    private final Map<Integer, String> mapFiles;
    private final MobCatalog mobs;
    private final List<ClassDefinition> classes;
    private final ItemCatalog items;
    private final Map<String, byte[]> mapAssets;

    private WorldContent(Path folder, String version, Map<Integer, GameMap> maps, Map<Integer, String> mapFiles, MobCatalog mobs,
            List<ClassDefinition> classes, ItemCatalog items, Map<String, byte[]> mapAssets) {
        this.folder = folder;
        this.version = version;
        this.maps = Collections.unmodifiableMap(new TreeMap<>(maps));
        this.mapFiles = Map.copyOf(mapFiles);
        this.mobs = mobs;
        this.classes = classes;
        this.items = items;
        this.mapAssets = Map.copyOf(mapAssets);
    }

    /** The content of {@code folder}; every problem it has, each with its file and place, in one exception. */
    public static WorldContent load(Path folder) {
        ContentProblems problems = new ContentProblems();
        WorldContent content = read(folder, problems);
        if (content == null) {
            throw new InvalidContentException(describe(folder), problems.all());
        }
        return content;
    }

    /** Every problem of {@code folder}; empty when services can run on it. */
    public static List<ContentProblem> check(Path folder) {
        ContentProblems problems = new ContentProblems();
        read(folder, problems);
        return problems.all();
    }

    private static WorldContent read(Path folder, ContentProblems problems) {
        if (!problems.check(Files.isDirectory(folder), "", "", "the content folder " + describe(folder) + " does not exist")) {
            return null;
        }
        MobCatalog mobs = ifPresent(folder, MobTypes.FILE, problems, bytes -> MobTypes.read(bytes, problems));
        List<ClassDefinition> classes = ifPresent(folder, ClassDefinitions.FILE, problems, bytes -> ClassDefinitions.read(bytes, problems));
        List<ItemType> itemTypes = ifExists(folder, ItemTypes.FILE, problems, bytes -> ItemTypes.read(bytes, problems), List.of());
        Map<String, List<LootEntry>> loot = ifExists(folder, LootTables.FILE, problems, bytes -> LootTables.read(bytes, problems), Map.of());
        ItemCatalog items = itemCatalog(itemTypes, loot, mobs, problems);
        Map<Integer, String> files = mapFiles(folder, problems);
        Map<Integer, GameMap> maps = new TreeMap<>();
        Set<String> assets = new TreeSet<>(files.values());
        files.forEach((id, file) -> {
            byte[] bytes = bytes(folder, file, problems);
            GameMap map = bytes == null ? null : file.endsWith(".tmj") ? TiledMapFile.read(folder, file, id, bytes, problems, assets)
                    : AsciiMapFile.read(file, id, bytes, problems);
            if (map != null) {
                maps.put(id, map);
            }
        });
        problems.check(!files.isEmpty(), "maps/", "", "no maps: add maps/1.json or maps/1.tmj");
        problems.check(files.isEmpty() || files.containsKey(STARTING_MAP), "maps/", "", "no map " + STARTING_MAP
                + ", where new characters start");
        for (GameMap map : maps.values()) {
            String file = files.get(map.id());
            MapChecks.gateTargets(map, file, maps::get, files::containsKey, problems);
            for (int i = 0; i < map.mobZones().size(); i++) {
                MobZone zone = map.mobZones().get(i);
                problems.check(mobs == null || mobs.has(zone.mob()), file, "mob zone " + i + " (" + zone.mob() + ")",
                        "mob \"" + zone.mob() + "\" is not in mobs.json");
            }
            int length = map.definition().length();
            problems.check(length <= MAX_CLIENT_DEFINITION_CHARS, file, "", "is " + length + " characters as clients receive it, more than the "
                    + MAX_CLIENT_DEFINITION_CHARS + " they accept: make the map smaller");
        }
        if (problems.size() > 0) {
            return null;
        }
        Map<String, byte[]> assetBytes = new TreeMap<>();
        for (String asset : assets) {
            byte[] bytes = bytes(folder, asset, problems);
            if (bytes != null) {
                assetBytes.put(asset, bytes);
            }
        }
        return problems.size() > 0 ? null
                : new WorldContent(folder, ContentVersion.of(folder), maps, files, mobs, classes, items, assetBytes);
    }

    /** The map files of {@code maps/}, by id; a file whose name is no id (a tileset, an image, notes) is not a map. */
    private static Map<Integer, String> mapFiles(Path folder, ContentProblems problems) {
        Map<Integer, String> files = new TreeMap<>();
        Path maps = folder.resolve("maps");
        if (!Files.isDirectory(maps)) {
            return files;
        }
        List<Path> listed;
        try (Stream<Path> stream = Files.list(maps)) {
            listed = stream.sorted().toList();
        } catch (IOException e) {
            problems.add("maps/", "", "cannot be listed: " + e.getMessage());
            return files;
        }
        for (Path path : listed) {
            Matcher match = MAP_FILE.matcher(path.getFileName().toString());
            if (!match.matches() || !Files.isRegularFile(path)) {
                continue;
            }
            String file = "maps/" + match.group(0);
            int id = Integer.parseInt(match.group(1));
            if (!problems.check(!match.group(2).equals("tmx"), file, "", "is Tiled's XML; export the map as JSON (File > Export As > .tmj)")) {
                continue;
            }
            String earlier = files.putIfAbsent(id, file);
            problems.check(earlier == null, file, "", "map " + id + " is also " + earlier + "; keep one file per map id");
        }
        return files;
    }

    /**
     * The items and loot tables checked against each other and the mobs: every table belongs to a mob type,
     * every line names an item and drops at most a stack. Null (problems added) when they do not agree.
     */
    private static ItemCatalog itemCatalog(List<ItemType> types, Map<String, List<LootEntry>> loot, MobCatalog mobs,
            ContentProblems problems) {
        if (types == null || loot == null) {
            return null;
        }
        int before = problems.size();
        Map<String, ItemType> byKey = new HashMap<>();
        types.forEach(type -> byKey.put(type.key(), type));
        loot.forEach((mob, lines) -> {
            problems.check(mobs == null || mobs.has(mob), LootTables.FILE, "loot." + mob, "mob \"" + mob + "\" is not in mobs.json");
            for (int i = 0; i < lines.size(); i++) {
                LootEntry line = lines.get(i);
                String problem = LootTables.problem(line, byKey.get(line.item()));
                problems.check(problem == null, LootTables.FILE, "loot." + mob + "[" + i + "] (" + line.item() + ")", String.valueOf(problem));
            }
        });
        return problems.size() > before ? null : new ItemCatalog(types, loot);
    }

    /** An optional file: {@code absent} when the folder does not have it. */
    private static <T> T ifExists(Path folder, String file, ContentProblems problems, Function<byte[], T> reader, T absent) {
        return Files.exists(folder.resolve(file)) ? ifPresent(folder, file, problems, reader) : absent;
    }

    private static <T> T ifPresent(Path folder, String file, ContentProblems problems, Function<byte[], T> reader) {
        if (!problems.check(Files.isRegularFile(folder.resolve(file)), file, "", "missing from the content folder")) {
            return null;
        }
        byte[] bytes = bytes(folder, file, problems);
        return bytes == null ? null : reader.apply(bytes);
    }

    private static byte[] bytes(Path folder, String file, ContentProblems problems) {
        try {
            return Files.readAllBytes(folder.resolve(file));
        } catch (IOException e) {
            problems.add(file, "", "cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** {@code folder} as the operator reads it: absolute, and what was given when it was relative. */
    public static String describe(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute + (folder.isAbsolute() ? " (CONTENT_DIR)" : " (CONTENT_DIR " + folder + ")");
    }

    public Path folder() {
        return folder;
    }

    /** A hash of every file of the folder: equal versions, equal worlds. */
    public String version() {
        return version;
    }

    /** The maps by id, in order. */
    public Map<Integer, GameMap> maps() {
        return maps;
    }

    /** Map {@code id}; an {@link UnknownMapException} naming the maps there are when the folder has none. */
    public GameMap map(int id) {
        GameMap map = maps.get(id);
        if (map == null) {
            throw new UnknownMapException(id, describe(folder), new ArrayList<>(maps.keySet()).toString());
        }
        return map;
    }

    /** The file map {@code id} was read from ({@code maps/3.tmj}). */
    public String mapFile(int id) {
        map(id);
        return mapFiles.get(id);
    }

    /**
     * The files clients may fetch to draw the maps, by path relative to the folder ({@code maps/3.tmj},
     * {@code maps/dungeon.tsj}, {@code maps/dungeon.png}): every map file and the tilesets and images
     * Tiled maps name, as they were at load (a later edit of the folder changes nothing until a restart).
     */
    public Map<String, byte[]> mapAssets() {
        return mapAssets;
    }

    public MobCatalog mobs() {
        return mobs;
    }

    /** The item types ({@code items.json}) and loot tables ({@code loot.json}); empty when the folder has neither. */
    public ItemCatalog items() {
        return items;
    }

    /** The playable classes, as {@code classes.json} lists them. */
    public List<ClassDefinition> classes() {
        return classes;
    }
}
