package com.mmorpg.mapserver.sim;

/**
 * What is written back to auth-service: where a character is and how it is doing, under the lease
 * its session holds ({@code leaseId}, 0 when none) and the version that session loaded;
 * {@code release} ends the stay (leave, gate, handover, shutdown) and frees the lease with the write.
 */
public record CharacterState(String characterId, long leaseId, int mapId, float x, float y, int hp, int mp, int level,
        long exp, long version, boolean release) {

    /** The same state, written as the last one of the stay. */
    public CharacterState released() {
        return new CharacterState(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, true);
    }

    /** Whether {@code other} stores exactly what this does (periodic saves skip unchanged characters). */
    boolean sameProgress(CharacterState other) {
        return other != null && other.mapId == mapId && other.x == x && other.y == y && other.hp == hp && other.mp == mp
                && other.level == level && other.exp == exp;
    }
}
