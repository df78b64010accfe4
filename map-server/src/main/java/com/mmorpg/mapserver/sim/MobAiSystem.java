package com.mmorpg.mapserver.sim;

import com.mmorpg.content.GameMap;
import com.mmorpg.content.TileRect;
import java.util.SplittableRandom;

/**
 * Every mob's mind, one small state machine each: idle / wander inside its zone → chase the nearest
 * player of its channel inside its aggro radius → attack in range when its cooldown allows → and
 * when the target dies, leaves, or drags it beyond its leash radius from home, walk back home and
 * heal fully. Walls are handled by the movement system's axis sliding; mobs never enter a blocked
 * tile because nothing moves them but that system. Idle mobs look for prey every
 * {@link #LOOK_EVERY_TICKS} ticks (staggered), which keeps thousands of mobs cheap.
 */
final class MobAiSystem {

    static final int LOOK_EVERY_TICKS = 5;
    private static final float WANDER_PACE = 0.4f;

    private final GameMap map;
    private final SplittableRandom random;
    private final CombatSystem combat;
    private final float bodies;
    private final float half;

    MobAiSystem(GameMap map, WorldSettings settings, SplittableRandom random, CombatSystem combat) {
        this.map = map;
        this.random = random;
        this.combat = combat;
        this.half = settings.entityHalfSize();
        this.bodies = half * 2;
    }

    void step(Channel channel, int tick) {
        for (Entity entity : channel.entities) {
            if (entity instanceof Mob mob && mob.isAlive() && !mob.scripted) {
                think(mob, channel, tick);
            }
        }
    }

    private void think(Mob mob, Channel channel, int tick) {
        switch (mob.mind) {
            case IDLE, WANDER -> {
                if ((tick + mob.id) % LOOK_EVERY_TICKS == 0) {
                    Player prey = nearestPrey(mob, channel);
                    if (prey != null) {
                        mob.mind = Mob.Mind.CHASE;
                        mob.target = prey;
                        chase(mob, tick);
                        return;
                    }
                }
                wander(mob, tick);
            }
            case CHASE, ATTACK -> chase(mob, tick);
            case RETURN -> goHome(mob, tick);
        }
    }

    private void chase(Mob mob, int tick) {
        Player target = mob.target;
        if (!isPrey(target, mob) || mob.distanceFromHome() > mob.type.leashRadius()) {
            mob.mind = Mob.Mind.RETURN;
            mob.target = null;
            goHome(mob, tick);
            return;
        }
        if (mob.distanceTo(target) <= mob.type.attackRange() + bodies) {
            mob.mind = Mob.Mind.ATTACK;
            mob.dirX = 0;
            mob.dirY = 0;
            if (tick - mob.lastAttackTick >= mob.type.attackCooldownTicks()) {
                combat.mobAttacks(mob, target, tick);
                mob.setState(Entity.STATE_ATTACKING, tick);
            }
        } else {
            mob.mind = Mob.Mind.CHASE;
            mob.steerTowards(target.x, target.y, 0);
        }
    }

    private void goHome(Mob mob, int tick) {
        if (mob.steerTowards(mob.homeX, mob.homeY, 4)) {
            mob.mind = Mob.Mind.IDLE;
            mob.setHp(mob.maxHp, tick); // leashed mobs regenerate: no kiting them to death from afar
            mob.nextDecisionTick = tick + 20 + random.nextInt(60);
        }
    }

    private void wander(Mob mob, int tick) {
        if (mob.mind == Mob.Mind.WANDER) {
            if (mob.steerTowards(mob.wanderX, mob.wanderY, 4)) {
                mob.mind = Mob.Mind.IDLE;
                mob.nextDecisionTick = tick + 40 + random.nextInt(80);
            } else {
                mob.dirX *= WANDER_PACE;
                mob.dirY *= WANDER_PACE;
            }
            return;
        }
        mob.dirX = 0;
        mob.dirY = 0;
        if (tick >= mob.nextDecisionTick) {
            pickWanderPoint(mob);
            mob.mind = Mob.Mind.WANDER;
            mob.nextDecisionTick = tick + 200; // give up on a point it cannot reach
        }
    }

    private void pickWanderPoint(Mob mob) {
        TileRect area = mob.zone == null ? null : mob.zone.area();
        for (int attempt = 0; attempt < 8; attempt++) {
            float x;
            float y;
            if (area != null) {
                x = (area.x() + (float) random.nextDouble() * area.w()) * map.tileSize();
                y = (area.y() + (float) random.nextDouble() * area.h()) * map.tileSize();
            } else {
                x = mob.homeX + (float) random.nextDouble(-96, 96);
                y = mob.homeY + (float) random.nextDouble(-96, 96);
            }
            if (map.boxIsFree(x, y, half)) {
                mob.wanderX = x;
                mob.wanderY = y;
                return;
            }
        }
        mob.wanderX = mob.homeX;
        mob.wanderY = mob.homeY;
    }

    private Player nearestPrey(Mob mob, Channel channel) {
        Player[] best = new Player[1];
        float[] bestDistance = {Float.MAX_VALUE};
        channel.grid.forEachWithin(mob.x, mob.y, mob.type.aggroRadius(), entity -> {
            if (entity instanceof Player player && isPrey(player, mob)) {
                float distance = mob.distanceTo(player);
                if (distance < bestDistance[0] || (distance == bestDistance[0] && player.id < best[0].id)) {
                    best[0] = player;
                    bestDistance[0] = distance;
                }
            }
        });
        return best[0];
    }

    /** A player standing in a safe zone is nobody's prey: a chasing mob gives up and goes home. */
    private boolean isPrey(Player player, Mob mob) {
        return player != null && player.isAlive() && player.transfer == null && player.channel == mob.channel
                && !map.isSafe(player.x, player.y);
    }
}
