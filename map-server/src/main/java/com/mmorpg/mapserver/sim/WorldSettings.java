package com.mmorpg.mapserver.sim;

import com.mmorpg.mapserver.map.MapFiles;

/** The numbers a world is built with (from {@code MapServerConfig}, or chosen by a test). */
public record WorldSettings(int tickRate, int channels, int channelCapacity, float viewRadius, long seed,
        int maxCommandsPerTick, float entityHalfSize) {

    public static WorldSettings of(int tickRate, int channels, int channelCapacity, float viewRadius, long seed) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, 20_000, MapFiles.ENTITY_HALF_SIZE);
    }

    /** Key frames every two seconds. */
    int keyFrameTicks() {
        return Math.max(1, tickRate * 2);
    }
}
