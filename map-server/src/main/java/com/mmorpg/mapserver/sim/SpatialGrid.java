package com.mmorpg.mapserver.sim;

import java.util.Arrays;
import java.util.List;

/**
 * A uniform grid of cells about one view radius wide, rebuilt every tick as intrusive linked lists
 * in int arrays (no allocation per tick). Everything a player can see lies in its cell and the
 * eight around it, so visibility never loops over all pairs.
 */
final class SpatialGrid {

    private final float cellSize;
    private final int columns;
    private final int rows;
    private final int[] head;
    private int[] next = new int[64];
    private Entity[] items = new Entity[64];
    private int count;

    SpatialGrid(float widthPx, float heightPx, float cellSize) {
        this.cellSize = cellSize;
        this.columns = Math.max(1, (int) Math.ceil(widthPx / cellSize));
        this.rows = Math.max(1, (int) Math.ceil(heightPx / cellSize));
        this.head = new int[columns * rows];
    }

    void rebuild(List<Entity> entities) {
        Arrays.fill(head, -1);
        count = entities.size();
        if (items.length < count) {
            items = new Entity[count * 2];
            next = new int[count * 2];
        }
        for (int i = 0; i < count; i++) {
            Entity entity = entities.get(i);
            items[i] = entity;
            int cell = cellOf(entity.x, entity.y);
            next[i] = head[cell];
            head[cell] = i;
        }
    }

    /** Calls {@code visitor} for every entity in the 3x3 cells around (x, y). */
    void forEachNear(float x, float y, Visitor visitor) {
        int cx = column(x);
        int cy = row(y);
        for (int row = Math.max(0, cy - 1); row <= Math.min(rows - 1, cy + 1); row++) {
            for (int column = Math.max(0, cx - 1); column <= Math.min(columns - 1, cx + 1); column++) {
                for (int i = head[row * columns + column]; i >= 0; i = next[i]) {
                    visitor.visit(items[i]);
                }
            }
        }
    }

    int cellCount() {
        return head.length;
    }

    private int cellOf(float x, float y) {
        return row(y) * columns + column(x);
    }

    private int column(float x) {
        return Math.clamp((int) (x / cellSize), 0, columns - 1);
    }

    private int row(float y) {
        return Math.clamp((int) (y / cellSize), 0, rows - 1);
    }

    @FunctionalInterface
    interface Visitor {
        void visit(Entity entity);
    }
}
