package com.mmorpg.content;

import java.util.List;

/**
 * A map as the simulation sees it, whatever file it came from: a grid of tiles, some blocked (walls,
 * water), a spawn point, gates, mob zones and safe zones. Entities are axis-aligned boxes; {@link #boxIsFree} is the one collision
 * question the systems ask.
 */
public final class GameMap {

    /** Half the size of a character's (and a mob's) collision box, in pixels. */
    public static final float ENTITY_HALF_SIZE = 10f;

    private static final float EDGE = 1e-3f;

    private final int id;
    private final String name;
    private final int tileSize;
    private final int widthTiles;
    private final int heightTiles;
    private final boolean[] blocked;
    private final Point spawn;
    private final List<Gate> gates;
    private final List<MobZone> mobZones;
    private final List<SafeZone> safeZones;
    private final String definition;

    /** A map built in code (tests, benchmarks): its definition for clients is drawn from the blocked tiles. */
    public GameMap(int id, String name, int tileSize, int widthTiles, int heightTiles, boolean[] blocked, Point spawn,
            List<Gate> gates, List<MobZone> mobZones) {
        this(id, name, tileSize, widthTiles, heightTiles, blocked, spawn, gates, mobZones, List.of(), null);
    }

    /**
     * @param definition the map's JSON as clients receive it ({@code MapLayout}); null to derive it from
     *     the tiles, for a map built in code
     */
    public GameMap(int id, String name, int tileSize, int widthTiles, int heightTiles, boolean[] blocked, Point spawn,
            List<Gate> gates, List<MobZone> mobZones, List<SafeZone> safeZones, String definition) {
        if (blocked.length != widthTiles * heightTiles) {
            throw new IllegalArgumentException("blocked has " + blocked.length + " tiles, expected " + widthTiles * heightTiles);
        }
        this.id = id;
        this.name = name;
        this.tileSize = tileSize;
        this.widthTiles = widthTiles;
        this.heightTiles = heightTiles;
        this.blocked = blocked.clone();
        this.spawn = spawn;
        this.gates = List.copyOf(gates);
        this.mobZones = List.copyOf(mobZones);
        this.safeZones = List.copyOf(safeZones);
        this.definition = definition;
    }

    /** An open field of the given size (benchmarks and tests), spawn in its middle. */
    public static GameMap open(int id, int widthTiles, int heightTiles, int tileSize) {
        return new GameMap(id, "open-" + id, tileSize, widthTiles, heightTiles, new boolean[widthTiles * heightTiles],
                new Point(widthTiles * tileSize / 2f, heightTiles * tileSize / 2f), List.of(), List.of());
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int tileSize() {
        return tileSize;
    }

    public int widthTiles() {
        return widthTiles;
    }

    public int heightTiles() {
        return heightTiles;
    }

    public float widthPx() {
        return widthTiles * (float) tileSize;
    }

    public float heightPx() {
        return heightTiles * (float) tileSize;
    }

    public Point spawn() {
        return spawn;
    }

    public List<Gate> gates() {
        return gates;
    }

    public List<MobZone> mobZones() {
        return mobZones;
    }

    public List<SafeZone> safeZones() {
        return safeZones;
    }

    /** The map's definition as JSON text, what {@code MapLayout} sends clients to draw the map from. */
    public String definition() {
        return definition != null ? definition : ClientDefinition.of(this);
    }

    /** Tiles outside the map count as blocked. */
    public boolean isBlockedTile(int tx, int ty) {
        if (tx < 0 || ty < 0 || tx >= widthTiles || ty >= heightTiles) {
            return true;
        }
        return blocked[ty * widthTiles + tx];
    }

    /** True when a box of half-size {@code half} centred on (x, y) lies inside the map and touches no blocked tile. */
    public boolean boxIsFree(float x, float y, float half) {
        if (x - half < 0 || y - half < 0 || x + half > widthPx() || y + half > heightPx()) {
            return false;
        }
        int tx0 = (int) Math.floor((x - half) / tileSize);
        int tx1 = (int) Math.floor((x + half - EDGE) / tileSize);
        int ty0 = (int) Math.floor((y - half) / tileSize);
        int ty1 = (int) Math.floor((y + half - EDGE) / tileSize);
        for (int ty = ty0; ty <= ty1; ty++) {
            for (int tx = tx0; tx <= tx1; tx++) {
                if (isBlockedTile(tx, ty)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when (x, y) lies in one of the map's safe zones, where nobody fights. */
    public boolean isSafe(float x, float y) {
        for (SafeZone zone : safeZones) {
            if (zone.area().containsPixel(x, y, tileSize)) {
                return true;
            }
        }
        return false;
    }

    /** The gate whose area contains (x, y), or null. */
    public Gate gateAt(float x, float y) {
        for (Gate gate : gates) {
            if (gate.area().containsPixel(x, y, tileSize)) {
                return gate;
            }
        }
        return null;
    }
}
