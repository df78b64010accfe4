package com.mmorpg.mapserver.sim;

import com.mmorpg.content.GameMap;

/**
 * Moves every entity one tick along its wanted direction at its own speed. Axes are resolved
 * separately against blocked tiles, so an entity walking diagonally into a wall slides along it;
 * a blocked axis stops flush against the tile edge. Map bounds count as walls. One step per tick
 * and a speed from the character's class make speed hacks and teleports impossible.
 */
final class MovementSystem {

    /** A player whose client went quiet stops after this many ticks instead of walking on forever. */
    static final int INPUT_TIMEOUT_TICKS = 10;
    private static final float EPSILON = 1e-3f;

    private final GameMap map;
    private final float half;
    private final int tickRate;

    MovementSystem(GameMap map, float entityHalfSize, int tickRate) {
        this.map = map;
        this.half = entityHalfSize;
        this.tickRate = tickRate;
    }

    void step(Channel channel, int tick) {
        for (Entity entity : channel.entities) {
            if (entity instanceof Player player && tick - player.lastInputTick > INPUT_TIMEOUT_TICKS) {
                player.dirX = 0;
                player.dirY = 0;
            }
            if (!entity.isAlive() || (entity.dirX == 0 && entity.dirY == 0)) {
                if (entity.isAlive()) {
                    entity.setState(Entity.STATE_IDLE, tick);
                }
                continue;
            }
            float step = entity.speed / tickRate;
            float x = moveX(entity.x, entity.y, entity.dirX * step);
            float y = moveY(x, entity.y, entity.dirY * step);
            entity.placeAt(x, y, tick);
            entity.setState(Entity.STATE_MOVING, tick);
        }
    }

    private float moveX(float x, float y, float dx) {
        if (dx == 0) {
            return x;
        }
        float target = x + dx;
        if (map.boxIsFree(target, y, half)) {
            return target;
        }
        float flush;
        if (dx > 0) {
            int column = (int) Math.floor((target + half) / map.tileSize());
            flush = Math.min(column * map.tileSize(), map.widthPx()) - half - EPSILON;
        } else {
            int column = (int) Math.floor((target - half) / map.tileSize());
            flush = Math.max((column + 1) * map.tileSize(), 0) + half + EPSILON;
        }
        boolean towardsTarget = dx > 0 ? flush > x : flush < x;
        return towardsTarget && map.boxIsFree(flush, y, half) ? flush : x;
    }

    private float moveY(float x, float y, float dy) {
        if (dy == 0) {
            return y;
        }
        float target = y + dy;
        if (map.boxIsFree(x, target, half)) {
            return target;
        }
        float flush;
        if (dy > 0) {
            int row = (int) Math.floor((target + half) / map.tileSize());
            flush = Math.min(row * map.tileSize(), map.heightPx()) - half - EPSILON;
        } else {
            int row = (int) Math.floor((target - half) / map.tileSize());
            flush = Math.max((row + 1) * map.tileSize(), 0) + half + EPSILON;
        }
        boolean towardsTarget = dy > 0 ? flush > y : flush < y;
        return towardsTarget && map.boxIsFree(x, flush, half) ? flush : y;
    }
}
