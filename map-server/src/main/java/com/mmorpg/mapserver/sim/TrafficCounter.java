package com.mmorpg.mapserver.sim;

/** What the world reports about its own work; metrics implement it, tests may ignore it. */
public interface TrafficCounter {

    TrafficCounter NONE = new TrafficCounter() {
    };

    default void snapshotSent(int entries) {
    }

    default void inputDropped(String reason) {
    }
}
