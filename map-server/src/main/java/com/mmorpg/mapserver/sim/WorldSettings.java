package com.mmorpg.mapserver.sim;

import com.mmorpg.content.GameMap;

/** The numbers a world is built with (from {@code MapServerConfig}, or chosen by a test). */
public record WorldSettings(int tickRate, int channels, int channelCapacity, float viewRadius, long seed,
        int maxCommandsPerTick, float entityHalfSize, int interestThreads, int maxVisible, int saveEverySeconds) {

    /** How many other entities one player tracks at most (the nearest ones) when a crowd fills the view. */
    public static final int DEFAULT_MAX_VISIBLE = 128;
    /**
     * A player whose state changed is saved at least this often (staggered): what a crash of the map
     * server can lose at most.
     */
    public static final int DEFAULT_SAVE_EVERY_SECONDS = 10;

    public static WorldSettings of(int tickRate, int channels, int channelCapacity, float viewRadius, long seed) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, 20_000, GameMap.ENTITY_HALF_SIZE, 1,
                DEFAULT_MAX_VISIBLE, DEFAULT_SAVE_EVERY_SECONDS);
    }

    /** The same with visibility and snapshots split over {@code threads} workers. */
    public WorldSettings withInterestThreads(int threads) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                threads, maxVisible, saveEverySeconds);
    }

    /** The same with each player tracking at most the {@code count} nearest entities. */
    public WorldSettings withMaxVisible(int count) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                interestThreads, count, saveEverySeconds);
    }

    /** The same with periodic saves every {@code seconds}. */
    public WorldSettings withSaveEverySeconds(int seconds) {
        return new WorldSettings(tickRate, channels, channelCapacity, viewRadius, seed, maxCommandsPerTick, entityHalfSize,
                interestThreads, maxVisible, Math.max(1, seconds));
    }

    /** Key frames every two seconds. */
    public int keyFrameTicks() {
        return Math.max(1, tickRate * 2);
    }
}
