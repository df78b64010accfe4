package com.mmorpg.content;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/** What makes a map playable, whatever file it came from; each failure is a problem with its place. */
final class MapChecks {

    private MapChecks() {
    }

    /** Checks that need only the map itself: spawn on free ground and outside gates, every area inside the map. */
    static void inside(GameMap map, String file, ContentProblems problems) {
        Point spawn = map.spawn();
        problems.check(map.boxIsFree(spawn.x(), spawn.y(), GameMap.ENTITY_HALF_SIZE), file, "spawn",
                "(" + spawn.x() + ", " + spawn.y() + ") is on a blocked tile or too near one for a character to stand");
        for (Gate gate : map.gates()) {
            String place = "gate \"" + gate.name() + "\"";
            area(map, gate.area(), file, place, problems);
            problems.check(!gate.area().containsPixel(spawn.x(), spawn.y(), map.tileSize()), file, place,
                    "covers the spawn point: a character would leave as it arrives");
        }
        List<MobZone> zones = map.mobZones();
        for (int i = 0; i < zones.size(); i++) {
            MobZone zone = zones.get(i);
            String place = "mob zone " + i + " (" + zone.mob() + ")";
            area(map, zone.area(), file, place, problems);
            problems.check(zone.count() >= 1, file, place, "count must be at least 1, is " + zone.count());
            problems.check(hasFreeTile(map, zone.area()), file, place, "has no free tile for a mob to spawn on");
        }
        for (SafeZone zone : map.safeZones()) {
            area(map, zone.area(), file, "safe zone \"" + zone.name() + "\"", problems);
        }
    }

    /** Checks across the folder: a gate leads to a map that exists, onto free ground, and not into another gate. */
    static void gateTargets(GameMap map, String file, IntFunction<GameMap> maps, IntPredicate hasFile, ContentProblems problems) {
        for (Gate gate : map.gates()) {
            String place = "gate \"" + gate.name() + "\"";
            GameMap target = maps.apply(gate.targetMap());
            if (!problems.check(hasFile.test(gate.targetMap()), file, place, "leads to map " + gate.targetMap()
                    + ", which the content folder does not have") || target == null) {
                continue; // a target with problems of its own has them reported on its file
            }
            Point to = gate.target();
            if (problems.check(target.boxIsFree(to.x(), to.y(), GameMap.ENTITY_HALF_SIZE), file, place, "leads onto ("
                    + to.x() + ", " + to.y() + ") of map " + target.id() + ", a blocked tile or too near one for a character to stand")) {
                Gate into = target.gateAt(to.x(), to.y());
                problems.check(into == null, file, place, into == null ? "" : "leads into gate \"" + into.name() + "\" of map "
                        + target.id() + ": a character would bounce back and forth");
            }
        }
    }

    private static void area(GameMap map, TileRect area, String file, String place, ContentProblems problems) {
        problems.check(area.x() >= 0 && area.y() >= 0 && area.x() + area.w() <= map.widthTiles() && area.y() + area.h() <= map.heightTiles(),
                file, place, "area " + area + " reaches outside the map's " + map.widthTiles() + "x" + map.heightTiles() + " tiles");
    }

    private static boolean hasFreeTile(GameMap map, TileRect area) {
        for (int y = area.y(); y < area.y() + area.h(); y++) {
            for (int x = area.x(); x < area.x() + area.w(); x++) {
                if (!map.isBlockedTile(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
