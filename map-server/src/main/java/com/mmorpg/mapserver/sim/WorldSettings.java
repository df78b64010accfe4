package com.mmorpg.mapserver.sim;

import com.mmorpg.mapserver.map.MapFiles;

/** The numbers a world is built with (from {@code MapServerConfig}, or chosen by a test). */
public record WorldSettings(int tickRate, int channels, int channelCapacity, float viewRadius, long seed,
        int maxCommandsPerTick, float entityHalfSize, int interestThreads, int maxVisible) {

    /** How many other entities one player tracks at most (the nearest ones) when a crowd fills the view. */
    public static final int DEFAULT_MAX_VISIBLE = 128;

    public static WorldSettings of(int tickRate, int channels, int channelCapacity, float viewRadius, long seed) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, 20_000, MapFiles.ENTITY_HALF_SIZE, 1,
                DEFAULT_MAX_VISIBLE);
    }

    /** The same with visibility and snapshots split over {@code threads} workers. */
    public WorldSettings withInterestThreads(int threads) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                threads, maxVisible);
    }

    /** The same with each player tracking at most the {@code count} nearest entities. */
    public WorldSettings withMaxVisible(int count) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                interestThreads, count);
    }

    /** Key frames every two seconds. */
    int keyFrameTicks() {
        return Math.max(1, tickRate * 2);
    }
}
