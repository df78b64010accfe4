package com.mmorpg.mapserver.sim;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A uniform grid of cells a quarter of a view radius wide, rebuilt every tick by a counting sort: entities
 * are stored cell after cell (row-major) in contiguous arrays, with each entity's position and
 * table slot copied in. The cells of one grid row between two columns are then one contiguous
 * range ({@link #rangeStart}, {@link #rangeEnd}), so a visibility scan reads a few short runs of
 * floats instead of following a linked list through the whole map. What a player can see lies in
 * the cells its view circle reaches (per row, only the columns the circle spans there: small cells
 * keep the scanned area close to the circle's), so visibility never loops over all pairs. No allocation per tick once the arrays are big enough.
 */
public final class SpatialGrid {

    private final float cellSize;
    private final int columns;
    private final int rows;
    /** Index of the first entity of each cell; {@code cellStart[cells]} is the entity count. */
    private final int[] cellStart;
    private int[] cellOf = new int[64];
    private Entity[] items = new Entity[64];
    private float[] xs = new float[64];
    private float[] ys = new float[64];
    /** Each entity's {@link EntityTable} slot. */
    private int[] slots = new int[64];
    private int size;

    SpatialGrid(float widthPx, float heightPx, float cellSize) {
        this.cellSize = cellSize;
        this.columns = Math.max(1, (int) Math.ceil(widthPx / cellSize));
        this.rows = Math.max(1, (int) Math.ceil(heightPx / cellSize));
        this.cellStart = new int[columns * rows + 1]; // empty until the first rebuild
    }

    void rebuild(List<Entity> entities) {
        int count = entities.size();
        if (items.length < count) {
            size = 0;
            int capacity = count * 2;
            items = new Entity[capacity];
            cellOf = new int[capacity];
            xs = new float[capacity];
            ys = new float[capacity];
            slots = new int[capacity];
        }
        int[] start = cellStart;
        Arrays.fill(start, 0);
        for (int i = 0; i < count; i++) {
            Entity entity = entities.get(i);
            int cell = row(entity.y) * columns + column(entity.x);
            cellOf[i] = cell;
            start[cell + 1]++;
        }
        for (int cell = 1; cell < start.length; cell++) {
            start[cell] += start[cell - 1];
        }
        // Place each entity at its cell's next free index; this shifts every start one cell ahead...
        for (int i = 0; i < count; i++) {
            Entity entity = entities.get(i);
            int at = start[cellOf[i]]++;
            items[at] = entity;
            xs[at] = entity.x;
            ys[at] = entity.y;
            slots[at] = entity.slot;
        }
        // ...so moving them back one cell restores them.
        System.arraycopy(start, 0, start, 1, start.length - 1);
        start[0] = 0;
        if (size > count) {
            Arrays.fill(items, count, size, null); // no reference to an entity that left
        }
        size = count;
    }

    /** Calls {@code visitor} for each entity within {@code radius} of (x, y) (systems other than interest). */
    void forEachWithin(float x, float y, float radius, Consumer<Entity> visitor) {
        float radiusSquared = radius * radius;
        int firstColumn = column(x - radius);
        int lastColumn = column(x + radius);
        int lastRow = row(y + radius);
        for (int row = row(y - radius); row <= lastRow; row++) {
            for (int i = rangeStart(row, firstColumn), end = rangeEnd(row, lastColumn); i < end; i++) {
                float dx = xs[i] - x;
                float dy = ys[i] - y;
                if (dx * dx + dy * dy <= radiusSquared) {
                    visitor.accept(items[i]);
                }
            }
        }
    }

    /** The entities cell after cell, as of the last rebuild (index: see {@link #rangeStart}). */
    public Entity[] items() {
        return items;
    }

    public float[] xs() {
        return xs;
    }

    public float[] ys() {
        return ys;
    }

    /** Each entity's {@link EntityTable} slot, by the same index. */
    public int[] slots() {
        return slots;
    }

    /** First entity index of the cells of {@code row} from {@code column} on. */
    public int rangeStart(int row, int column) {
        return cellStart[row * columns + column];
    }

    /** One past the last entity index of the cells of {@code row} up to {@code column}. */
    public int rangeEnd(int row, int column) {
        return cellStart[row * columns + column + 1];
    }

    public float cellSize() {
        return cellSize;
    }

    public int column(float x) {
        return Math.clamp((int) (x / cellSize), 0, columns - 1);
    }

    public int row(float y) {
        return Math.clamp((int) (y / cellSize), 0, rows - 1);
    }
}
