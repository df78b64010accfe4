package com.mmorpg.mapserver.sim;

/**
 * Fresh unique item ids, handed out by auth-service in blocks: an item gets one when it enters a player's
 * inventory as a new stack (loot picked up, a split). Called on the tick thread, so it never waits.
 */
@FunctionalInterface
public interface ItemIds {

    /** No ids at all (tests and benchmarks without items). */
    ItemIds NONE = () -> 0;

    /** The next id, or 0 when none is at hand right now (the caller refuses the action; ids come back). */
    long next();
}
