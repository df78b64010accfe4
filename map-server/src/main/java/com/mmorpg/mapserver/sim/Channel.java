package com.mmorpg.mapserver.sim;

import java.util.ArrayList;
import java.util.List;

/** One isolated copy of the map: its own entities and grid. Players in different channels never meet. */
public final class Channel {

    private final int number;
    private final int capacity;
    final List<Entity> entities = new ArrayList<>();
    final SpatialGrid grid;
    int players;

    Channel(int number, int capacity, SpatialGrid grid) {
        this.number = number;
        this.capacity = capacity;
        this.grid = grid;
    }

    public int number() {
        return number;
    }

    public int capacity() {
        return capacity;
    }

    public int players() {
        return players;
    }

    public boolean isFull() {
        return players >= capacity;
    }

    public List<Entity> entities() {
        return java.util.Collections.unmodifiableList(entities);
    }

    /** Where its entities stood when the grid was last rebuilt (once per tick, before interest). */
    public SpatialGrid grid() {
        return grid;
    }

    void add(Entity entity) {
        entity.channel = this;
        entities.add(entity);
        if (entity instanceof Player) {
            players++;
        }
    }

    void remove(Entity entity) {
        int index = entities.indexOf(entity);
        if (index < 0) {
            return;
        }
        // Swap-remove keeps removal O(1); the order stays deterministic for the same inputs.
        Entity last = entities.removeLast();
        if (index < entities.size()) {
            entities.set(index, last);
        }
        if (entity instanceof Player) {
            players--;
        }
    }
}
