package com.mmorpg.mapserver.sim;

/** The experience curve: total experience needed to reach the next level. */
public final class Leveling {

    public static final int MAX_LEVEL = 99;

    private Leveling() {
    }

    /** Experience at which a character of {@code level} reaches {@code level + 1} (100, 400, 900, ...). */
    public static long nextLevelExp(int level) {
        long l = Math.clamp(level, 1, MAX_LEVEL);
        return 100L * l * l;
    }
}
