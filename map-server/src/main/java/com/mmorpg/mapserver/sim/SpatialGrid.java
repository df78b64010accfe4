package com.mmorpg.mapserver.sim;

import java.util.Arrays;
import java.util.List;

/**
 * A uniform grid of cells half a view radius wide, rebuilt every tick as intrusive linked lists in
 * int arrays (no allocation per tick), with every entity's position copied into contiguous arrays
 * so that distance checks do not chase pointers. What a player can see lies in the cells covering
 * the square around its view circle (about 5x5 cells), so visibility never loops over all pairs.
 */
final class SpatialGrid {

    private final float cellSize;
    private final int columns;
    private final int rows;
    private final int[] head;
    int[] next = new int[64];
    Entity[] items = new Entity[64];
    float[] xs = new float[64];
    float[] ys = new float[64];
    /** Each entity's {@link EntityTable} slot. */
    int[] slots = new int[64];
    private int count;

    SpatialGrid(float widthPx, float heightPx, float cellSize) {
        this.cellSize = cellSize;
        this.columns = Math.max(1, (int) Math.ceil(widthPx / cellSize));
        this.rows = Math.max(1, (int) Math.ceil(heightPx / cellSize));
        this.head = new int[columns * rows];
        Arrays.fill(head, -1); // empty until the first rebuild
    }

    void rebuild(List<Entity> entities) {
        Arrays.fill(head, -1);
        count = entities.size();
        if (items.length < count) {
            int capacity = count * 2;
            items = new Entity[capacity];
            next = new int[capacity];
            xs = new float[capacity];
            ys = new float[capacity];
            slots = new int[capacity];
        }
        for (int i = 0; i < count; i++) {
            Entity entity = entities.get(i);
            items[i] = entity;
            xs[i] = entity.x;
            ys[i] = entity.y;
            slots[i] = entity.slot;
            int cell = row(entity.y) * columns + column(entity.x);
            next[i] = head[cell];
            head[cell] = i;
        }
    }

    /** Calls {@code visitor} for each entity within {@code radius} of (x, y) (systems other than interest). */
    void forEachWithin(float x, float y, float radius, java.util.function.Consumer<Entity> visitor) {
        float radiusSquared = radius * radius;
        int lastColumn = column(x + radius);
        int lastRow = row(y + radius);
        for (int row = row(y - radius); row <= lastRow; row++) {
            for (int column = column(x - radius); column <= lastColumn; column++) {
                for (int i = head[row * columns + column]; i >= 0; i = next[i]) {
                    float dx = xs[i] - x;
                    float dy = ys[i] - y;
                    if (dx * dx + dy * dy <= radiusSquared) {
                        visitor.accept(items[i]);
                    }
                }
            }
        }
    }

    /** First entity index of a cell, -1 when empty; follow with {@code next[i]}. */
    int head(int column, int row) {
        return head[row * columns + column];
    }

    int column(float x) {
        return Math.clamp((int) (x / cellSize), 0, columns - 1);
    }

    int row(float y) {
        return Math.clamp((int) (y / cellSize), 0, rows - 1);
    }
}
