package com.mmorpg.mapserver.sim;

import com.mmorpg.content.GameMap;
import com.mmorpg.content.MobType;
import com.mmorpg.content.MobZone;
import com.mmorpg.content.TileRect;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Coming back: dead players respawn at the map's spawn point with full health after their delay;
 * a dead mob lies as a corpse for {@link #CORPSE_SECONDS}, then is removed and comes back (a new
 * entity) at a free point of its zone after its type's respawn delay; out of combat for
 * {@link #REGEN_AFTER_SECONDS}, players regain 2 % of their hp and mp every second.
 */
final class LifeSystem {

    static final int CORPSE_SECONDS = 2;
    static final int REGEN_AFTER_SECONDS = 5;

    /** A mob waiting to come back. */
    record Respawn(int atTick, Channel channel, MobType type, MobZone zone) {
    }

    /** What is due after a tick's steps: corpses to take out of the world, mobs to bring back, in this order. */
    record Due(List<Mob> corpsesGone, List<Respawn> respawns) {

        static final Due NOTHING = new Due(List.of(), List.of());
    }

    private final GameMap map;
    private final SplittableRandom random;
    private final float half;
    private final int tickRate;
    private final List<Respawn> respawns = new ArrayList<>();
    private final List<Mob> corpses = new ArrayList<>();

    LifeSystem(GameMap map, WorldSettings settings, SplittableRandom random) {
        this.map = map;
        this.random = random;
        this.half = settings.entityHalfSize();
        this.tickRate = settings.tickRate();
    }

    /** A free random point of {@code area}, or null after a few misses (a zone that is mostly wall). */
    float[] freePointIn(TileRect area) {
        for (int attempt = 0; attempt < 30; attempt++) {
            float x = (area.x() + (float) random.nextDouble() * area.w()) * map.tileSize();
            float y = (area.y() + (float) random.nextDouble() * area.h()) * map.tileSize();
            if (map.boxIsFree(x, y, half)) {
                return new float[] {x, y};
            }
        }
        return null;
    }

    void step(Channel channel, int tick) {
        for (Entity entity : channel.entities) {
            if (entity instanceof Player player) {
                if (player.state == Entity.STATE_DEAD && tick >= player.respawnAtTick) {
                    player.placeAt(map.spawn().x(), map.spawn().y(), tick);
                    player.setHp(player.maxHp, tick);
                    player.mp = player.maxMp;
                    player.setState(Entity.STATE_IDLE, tick);
                } else if (player.isAlive() && tick % tickRate == player.id % tickRate
                        && tick - player.lastCombatTick >= REGEN_AFTER_SECONDS * tickRate) {
                    player.setHp(Math.min(player.maxHp, player.hp + Math.max(1, player.maxHp / 50)), tick);
                    player.mp = Math.min(player.maxMp, player.mp + Math.max(1, player.maxMp / 50));
                }
            } else if (entity instanceof Mob mob && mob.state == Entity.STATE_DEAD && mob.diedAtTick == tick) {
                corpses.add(mob);
            }
        }
    }

    /** After all channels stepped: the corpses whose time is up, then the mobs due back (the world applies both). */
    Due afterStep(int tick) {
        List<Mob> gone = null;
        for (Iterator<Mob> it = corpses.iterator(); it.hasNext(); ) {
            Mob mob = it.next();
            if (tick - mob.diedAtTick >= CORPSE_SECONDS * tickRate) {
                it.remove();
                gone = add(gone, mob);
                if (mob.zone != null) {
                    respawns.add(new Respawn(mob.diedAtTick + mob.type.respawnDelayTicks(), mob.channel, mob.type, mob.zone));
                }
            }
        }
        List<Respawn> back = null;
        for (Iterator<Respawn> it = respawns.iterator(); it.hasNext(); ) {
            Respawn respawn = it.next();
            if (tick >= respawn.atTick()) {
                it.remove();
                back = add(back, respawn);
            }
        }
        return gone == null && back == null ? Due.NOTHING
                : new Due(gone == null ? List.of() : gone, back == null ? List.of() : back);
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> to = list == null ? new ArrayList<>(4) : list;
        to.add(item);
        return to;
    }
}
