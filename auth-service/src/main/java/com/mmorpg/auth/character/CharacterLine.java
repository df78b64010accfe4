package com.mmorpg.auth.character;

/**
 * A character as support staff list it under its account: level, class, where it was saved, and
 * {@code in_world_on}: the map server holding its lease now, or null when nobody does.
 */
public record CharacterLine(String id, String name, int level, String classId, String mapId, double x, double y,
        String inWorldOn) {
}
