package com.mmorpg.content;

/** A rectangle of whole tiles, as map files write areas: top-left tile and size in tiles. */
public record TileRect(int x, int y, int w, int h) {

    public TileRect {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("area must be at least 1x1 tiles, got " + w + "x" + h);
        }
    }

    public boolean containsPixel(float px, float py, int tileSize) {
        return px >= x * tileSize && px < (x + w) * tileSize && py >= y * tileSize && py < (y + h) * tileSize;
    }
}
