package com.mmorpg.common.internal;

/**
 * A character as auth-service tells the gateway and the map servers ({@code GET /characters/{id}/internal},
 * and the character of a {@link LeaseGrant}): owner, version, and the effective stats at its level.
 * Ids are strings on the wire. {@code content_version}: the version of the content folder auth-service
 * runs (null from an auth-service that does not say); the gateway asks the directory for a map server
 * running the same.
 */
public record CharacterRecord(String id, String userId, String name, int level, long exp, String classId,
        String className, String mapId, Position position, int hp, int maxHp, int mp, int maxMp, long version,
        Stats stats, Growth growth, String contentVersion) {

    public record Position(double x, double y) {
    }

    public record Stats(int attack, int defense, double speed, double attackRange) {
    }

    /** What each level adds. */
    public record Growth(int hp, int mp, int attack, int defense) {
    }

    /** The map id as a number (auth-service writes ids as strings). */
    public int mapNumber() {
        return Integer.parseInt(mapId);
    }
}
