package com.mmorpg.mapserver.sim;

import com.mmorpg.mapserver.map.MapFiles;

/** The numbers a world is built with (from {@code MapServerConfig}, or chosen by a test). */
public record WorldSettings(int tickRate, int channels, int channelCapacity, float viewRadius, long seed,
        int maxCommandsPerTick, float entityHalfSize, int interestThreads) {

    public static WorldSettings of(int tickRate, int channels, int channelCapacity, float viewRadius, long seed) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, 20_000, MapFiles.ENTITY_HALF_SIZE, 1);
    }

    /** The same with visibility and snapshots split over {@code threads} workers. */
    public WorldSettings withInterestThreads(int threads) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                threads);
    }

    /** Key frames every two seconds. */
    int keyFrameTicks() {
        return Math.max(1, tickRate * 2);
    }
}
