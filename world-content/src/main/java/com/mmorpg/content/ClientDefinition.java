package com.mmorpg.content;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A map as clients receive it (over {@code MapLayout} and the public map route): one JSON shape
 * whatever file the map came from — rows of tile characters, a legend naming each, the characters
 * that block, the spawn point, gates, mob zones and safe zones — so a client draws and blocks exactly
 * what the server simulates. A map drawn in Tiled also names its source file, for clients that draw
 * its tileset.
 */
final class ClientDefinition {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientDefinition() {
    }

    /** A map built in code: its blocked tiles as walls ('#') on grass ('.'). */
    static String of(GameMap map) {
        return JSON.writeValueAsString(collisionGrid(map));
    }

    /** A map read from a Tiled file {@code source}: its collision grid, and where the drawing is. */
    static String ofTiled(GameMap map, String source) {
        ObjectNode definition = collisionGrid(map);
        definition.put("source", source);
        return JSON.writeValueAsString(definition);
    }

    /**
     * A map read from our JSON: the file as written, compact, with what the server assumes where the
     * file is silent made explicit (the blocking characters, a legend, no gates, zones).
     */
    static String ofAscii(ObjectNode file, List<String> tiles, String blocked) {
        ObjectNode definition = file.deepCopy();
        definition.put("blocked", blocked);
        if (!definition.has("legend")) {
            ObjectNode legend = definition.putObject("legend");
            tiles.forEach(row -> row.chars().forEach(c -> legend.put(String.valueOf((char) c),
                    blocked.indexOf(c) >= 0 ? "wall" : "grass")));
        }
        for (String list : List.of("gates", "mob_zones", "safe_zones")) {
            if (!definition.has(list)) {
                definition.putArray(list);
            }
        }
        return JSON.writeValueAsString(definition);
    }

    private static ObjectNode collisionGrid(GameMap map) {
        ObjectNode definition = JSON.createObjectNode();
        definition.put("id", map.id());
        definition.put("name", map.name());
        definition.put("tile_size", map.tileSize());
        ObjectNode legend = definition.putObject("legend");
        legend.put(".", "grass");
        legend.put("#", "wall");
        definition.put("blocked", "#");
        point(definition.putObject("spawn"), map.spawn());
        ArrayNode rows = definition.putArray("tiles");
        for (int y = 0; y < map.heightTiles(); y++) {
            StringBuilder row = new StringBuilder(map.widthTiles());
            for (int x = 0; x < map.widthTiles(); x++) {
                row.append(map.isBlockedTile(x, y) ? '#' : '.');
            }
            rows.add(row.toString());
        }
        ArrayNode gates = definition.putArray("gates");
        for (Gate gate : map.gates()) {
            ObjectNode node = gates.addObject();
            node.put("name", gate.name());
            area(node.putObject("area"), gate.area());
            node.put("target_map", gate.targetMap());
            point(node.putObject("target"), gate.target());
        }
        ArrayNode zones = definition.putArray("mob_zones");
        for (MobZone zone : map.mobZones()) {
            ObjectNode node = zones.addObject();
            node.put("mob", zone.mob());
            node.put("count", zone.count());
            area(node.putObject("area"), zone.area());
        }
        ArrayNode safe = definition.putArray("safe_zones");
        for (SafeZone zone : map.safeZones()) {
            ObjectNode node = safe.addObject();
            node.put("name", zone.name());
            area(node.putObject("area"), zone.area());
        }
        return definition;
    }

    private static void point(ObjectNode node, Point point) {
        node.put("x", point.x());
        node.put("y", point.y());
    }

    private static void area(ObjectNode node, TileRect area) {
        node.put("x", area.x());
        node.put("y", area.y());
        node.put("w", area.w());
        node.put("h", area.h());
    }
}
