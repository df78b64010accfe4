package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.Progress;
import com.mmorpg.content.GameMap;
import java.util.SplittableRandom;

/**
 * Hits, deaths and experience. Damage is {@code attack - defense / 2} (at least 1) times a seeded
 * variance of 0.9-1.1. A player's attack is accepted only on a live mob in its channel, within its
 * class's attack range (plus both bodies), once its cooldown (0.8 s) has passed; anything else is
 * dropped and counted; nobody fights in or into a safe zone of the map. Every hit goes as a {@link CombatEvent} to the players who can see the target.
 * A mob's experience goes entirely to the player who killed it (last hit): simple to explain to
 * players, and it cannot be farmed by tagging. Players die at 0 hp and come back at the map's spawn
 * point with full health after {@link #PLAYER_RESPAWN_SECONDS}.
 */
final class CombatSystem {

    static final float PLAYER_ATTACK_COOLDOWN_SECONDS = 0.8f;
    static final int PLAYER_RESPAWN_SECONDS = 5;

    private final GameMap map;
    private final SplittableRandom random;
    private final TrafficCounter traffic;
    private final SaveSchedule saves;
    private final Kills kills;
    private final PlayerViews views;
    private final float bodies;
    private final float hearingRadius;
    private final int playerCooldownTicks;
    private final int respawnTicks;

    /** Told of every mob a player kills (its loot). */
    @FunctionalInterface
    interface Kills {
        void killed(Mob mob, Player killer);
    }

    CombatSystem(GameMap map, WorldSettings settings, SplittableRandom random, TrafficCounter traffic, SaveSchedule saves,
            PlayerViews views, Kills kills) {
        this.kills = kills;
        this.map = map;
        this.views = views;
        this.random = random;
        this.traffic = traffic;
        this.saves = saves;
        this.bodies = settings.entityHalfSize() * 2;
        this.hearingRadius = settings.viewRadius() * 1.15f;
        this.playerCooldownTicks = Math.max(1, Math.round(PLAYER_ATTACK_COOLDOWN_SECONDS * settings.tickRate()));
        this.respawnTicks = PLAYER_RESPAWN_SECONDS * settings.tickRate();
    }

    int respawnTicks() {
        return respawnTicks;
    }

    /** An {@code AttackRequest}: true when it landed. */
    boolean playerAttacks(Player attacker, Entity target, int tick) {
        String refused = null;
        if (!attacker.isAlive() || attacker.transfer != null) {
            refused = "attack_attacker_unable";
        } else if (!(target instanceof Mob mob) || !target.isAlive()) {
            refused = "attack_no_live_mob";
        } else if (target.channel != attacker.channel) {
            refused = "attack_other_channel";
        } else if (map.isSafe(attacker.x, attacker.y) || map.isSafe(target.x, target.y)) {
            refused = "attack_safe_zone";
        } else if (attacker.distanceTo(target) > attacker.attackRange + bodies) {
            refused = "attack_out_of_range";
        } else if (tick - attacker.lastAttackTick < playerCooldownTicks) {
            refused = "attack_cooldown";
        } else {
            attacker.lastAttackTick = tick;
            hit(attacker, mob, attacker.attack, mob.defense, tick);
            if (mob.mind == Mob.Mind.IDLE || mob.mind == Mob.Mind.WANDER) {
                mob.mind = Mob.Mind.CHASE; // a struck mob fights back
                mob.target = attacker;
            }
            return true;
        }
        traffic.inputDropped(refused);
        return false;
    }

    /** A mob's attack (the AI already checked range and cooldown). */
    void mobAttacks(Mob attacker, Player target, int tick) {
        attacker.lastAttackTick = tick;
        hit(attacker, target, attacker.attack, target.defense, tick);
    }

    int damage(int attack, int defense) {
        int base = Math.max(1, attack - defense / 2);
        return Math.max(1, Math.round(base * (0.9f + 0.2f * (float) random.nextDouble())));
    }

    private void hit(Entity attacker, Entity target, int attack, int defense, int tick) {
        int damage = Math.min(target.hp, damage(attack, defense));
        target.setHp(target.hp - damage, tick);
        boolean killed = target.hp <= 0;
        markInCombat(attacker, tick);
        markInCombat(target, tick);
        CombatEvent event = new CombatEvent(attacker.id, target.id, damage, target.hp, killed);
        // Bystanders hear of it only when they have attacker or target in view: in a crowd each
        // tracks only its nearest, and an event about an entity it does not know is noise over TCP.
        target.channel.grid.forEachWithin(target.x, target.y, hearingRadius, seen -> {
            if (seen instanceof Player viewer && viewer != attacker && viewer != target
                    && (views.sees(viewer, target) || views.sees(viewer, attacker))) {
                viewer.link.sendReliable(event);
            }
        });
        // Attacker and target always hear of it, even when the grid (last tick's) has not placed them yet.
        if (attacker instanceof Player player) {
            player.link.sendReliable(event);
        }
        if (target instanceof Player player) {
            player.link.sendReliable(event);
        }
        if (killed) {
            switch (target) {
                case Mob mob -> mobDied(mob, attacker, tick);
                case Player player -> playerDied(player, attacker, tick);
                case GroundItem item -> throw new IllegalStateException("an item was hit");
            }
        }
    }

    private static void markInCombat(Entity entity, int tick) {
        if (entity instanceof Player player) {
            player.lastCombatTick = tick;
        }
    }

    private void mobDied(Mob mob, Entity killer, int tick) {
        mob.setState(Entity.STATE_DEAD, tick);
        mob.dirX = 0;
        mob.dirY = 0;
        mob.diedAtTick = tick;
        mob.target = null;
        if (killer instanceof Player player) {
            mob.killer = player;
            award(player, mob.type.expReward(), tick);
            kills.killed(mob, player);
        }
    }

    private void playerDied(Player player, Entity killer, int tick) {
        player.setState(Entity.STATE_DEAD, tick);
        player.dirX = 0;
        player.dirY = 0;
        player.respawnAtTick = tick + respawnTicks;
        player.link.sendReliable(new Died(killer.id, respawnTicks, map.spawn().x(), map.spawn().y()));
    }

    /** Experience; a level-up raises the maxima per the class growth, heals fully and is saved at once. */
    void award(Player player, long exp, int tick) {
        player.exp += exp;
        boolean leveled = false;
        while (player.level < Leveling.MAX_LEVEL && player.exp >= Leveling.nextLevelExp(player.level)) {
            player.levelTo(player.level + 1, tick);
            leveled = true;
        }
        player.link.sendReliable(progress(player));
        if (leveled) {
            saves.save(player, false);
        }
    }

    /** Where the player stands: level, experience, maxima, attack and defense (with what it wears). */
    static Progress progress(Player player) {
        Progress progress = new Progress();
        progress.level = player.level;
        progress.exp = player.exp;
        progress.nextLevelExp = Leveling.nextLevelExp(player.level);
        progress.maxHp = player.maxHp;
        progress.maxMp = player.maxMp;
        progress.attack = player.attack;
        progress.defense = player.defense;
        return progress;
    }
}
