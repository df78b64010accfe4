package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.Progress;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.Gate;
import com.mmorpg.content.MobCatalog;
import com.mmorpg.content.MobType;
import com.mmorpg.content.MobZone;
import com.mmorpg.content.Point;
import com.mmorpg.content.SafeZone;
import com.mmorpg.content.TileRect;
import com.mmorpg.mapserver.map.ShippedContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mobs, combat, death, progression, gates: each rule on a world stepped tick by tick. */
class GameplayTest {

    /** A wolf-like mob: aggro 200, attack range 40, cooldown 24 ticks, leash 480, 30 exp. */
    private static final MobType WOLF = new MobType("wolf", 2, "Wolf", 90, 14, 4, 95, 200, 40, 24, 480, 30, 300, false);
    /** A harmless punching bag with 1 hp and lots of exp. */
    private static final MobType PINATA = new MobType("pinata", 9, "Pinata", 1, 0, 0, 1, 0, 10, 1000, 10_000, 250, 60, false);

    private final WorldFixture open = new WorldFixture(GameMap.open(1, 80, 40, 32), 1, 10, 640, 5);

    private void attack(RecordingLink link, int targetId) {
        open.world.submit(new Command.Input(link, new AttackRequest(targetId)));
    }

    @Test
    void aMobChasesTheNearestPlayerInsideItsAggroRadiusAndAttacksInRangeOnItsCooldown() {
        RecordingLink near = open.join(400, 400);
        RecordingLink far = open.join(400, 700);
        Mob wolf = open.world.spawnMob(1, WOLF, 550, 400); // 150 px from "near", 250+ from "far"
        open.ticks(10);
        assertThat(wolf.mind).isIn(Mob.Mind.CHASE, Mob.Mind.ATTACK);
        assertThat(wolf.target).isSameAs(open.player(near));

        open.ticks(40);
        assertThat(wolf.mind).isEqualTo(Mob.Mind.ATTACK);
        assertThat(wolf.distanceTo(open.player(near))).isLessThanOrEqualTo(40 + 20);
        List<CombatEvent> hits = near.received(CombatEvent.class).stream().filter(e -> e.attackerId == wolf.id()).toList();
        assertThat(hits).isNotEmpty();
        int before = hits.size();
        open.ticks(24 * 3);
        int after = (int) near.received(CombatEvent.class).stream().filter(e -> e.attackerId == wolf.id()).count();
        assertThat(after - before).isBetween(2, 4); // one hit per 24-tick cooldown
        assertThat(open.player(near).hp()).isLessThan(150);
        assertThat(open.player(far).hp()).isEqualTo(150);
    }

    @Test
    void aPlayerOutsideTheAggroRadiusOrInAnotherChannelIsIgnored() {
        WorldFixture two = new WorldFixture(GameMap.open(1, 40, 40, 32), 2, 10, 640, 5);
        RecordingLink other = two.join(400, 400); // channel 1
        two.join(1000, 1000); // channel 2 (least full), far from everything
        Mob wolf = two.world.spawnMob(2, WOLF, 420, 400); // channel 2, on top of "other"
        Mob lonely = two.world.spawnMob(1, WOLF, 400, 700); // 300 px away
        two.ticks(40);

        assertThat(wolf.target).isNull();
        assertThat(lonely.target).isNull();
        assertThat(two.player(other).hp()).isEqualTo(150);
    }

    @Test
    void aMobDraggedBeyondItsLeashGoesHomeAndHealsFully() {
        RecordingLink kiter = open.join(400, 400);
        Mob wolf = open.world.spawnMob(1, WOLF, 550, 400);
        open.ticks(5);
        wolf.setHp(20, open.world.currentTick());
        int seq = 1;
        for (int i = 0; i < 200 && wolf.mind != Mob.Mind.RETURN; i++) { // run away to the west
            open.move(kiter, seq++, -1, 0);
            open.world.tick();
        }
        assertThat(wolf.mind).isEqualTo(Mob.Mind.RETURN);
        for (int i = 0; i < 400 && wolf.mind != Mob.Mind.IDLE; i++) {
            open.move(kiter, seq++, 0, 0);
            open.world.tick();
        }
        assertThat(wolf.mind).isEqualTo(Mob.Mind.IDLE);
        assertThat(wolf.distanceFromHome()).isLessThanOrEqualTo(10);
        assertThat(wolf.hp()).isEqualTo(wolf.maxHp());
    }

    @Test
    void attacksAreRefusedOutOfRangeDuringTheCooldownAndOnTheDead() {
        RecordingLink hero = open.join(400, 400);
        Mob bag = open.world.spawnMob(1, 1, "Bag", 400 + 48 + 20 + 5, 400, 0, 1000); // just out of 48 + bodies
        open.ticks(1);
        attack(hero, bag.id());
        open.ticks(1);
        assertThat(bag.hp()).isEqualTo(1000);

        Mob close = open.world.spawnMob(1, 1, "Bag", 430, 400, 0, 1000);
        open.ticks(1);
        attack(hero, close.id());
        attack(hero, close.id()); // same tick: cooldown
        open.ticks(1);
        int afterOne = close.hp();
        assertThat(afterOne).isLessThan(1000);
        open.ticks(5);
        attack(hero, close.id()); // 6 ticks later: still cooling down (16 ticks)
        open.ticks(1);
        assertThat(close.hp()).isEqualTo(afterOne);
        open.ticks(12);
        attack(hero, close.id());
        open.ticks(1);
        assertThat(close.hp()).isLessThan(afterOne);
        attack(hero, 999_999); // no such entity
        attack(hero, open.player(hero).id()); // no PvP, no self-harm
        open.ticks(1);
        assertThat(open.player(hero).hp()).isEqualTo(150);
    }

    @Test
    void nobodyFightsInASafeZoneAndAMobGivesUpOnAPlayerWhoReachesOne() {
        boolean[] free = new boolean[40 * 20];
        GameMap town = new GameMap(1, "town", 32, 40, 20, free, new Point(100, 100), List.of(), List.of(),
                List.of(new SafeZone("Square", new TileRect(0, 0, 10, 20))), null); // x < 320 is safe
        WorldFixture world = new WorldFixture(town, 1, 10, 640, 5);
        RecordingLink hero = world.join(300, 300); // inside
        Mob bag = world.world.spawnMob(1, 1, "Bag", 340, 300, 0, 1000); // outside, in reach
        world.ticks(1);
        world.world.submit(new Command.Input(hero, new AttackRequest(bag.id())));
        world.ticks(1);
        assertThat(bag.hp()).as("an attack out of a safe zone").isEqualTo(1000);

        Mob wolf = world.world.spawnMob(1, WOLF, 450, 300); // 150 px: inside its aggro radius of 200
        world.ticks(60);
        assertThat(world.player(hero).hp()).as("a wolf in aggro range never bites a player in the square").isEqualTo(150);
        assertThat(wolf.mind).isNotIn(Mob.Mind.CHASE, Mob.Mind.ATTACK);
        assertThat(town.isSafe(wolf.x(), wolf.y())).isFalse();
    }

    @Test
    void damageIsAttackMinusHalfTheDefenseWithinTenPercent() {
        CombatSystem combat = new CombatSystem(open.world.map(), open.world.settings(), new java.util.SplittableRandom(1),
                TrafficCounter.NONE, new SaveSchedule(open.world.map(), open.world.settings(),
                        state -> java.util.concurrent.CompletableFuture.completedFuture(null)), open.views, (mob, killer) -> { });
        for (int i = 0; i < 200; i++) {
            assertThat(combat.damage(30, 10)).isBetween(22, 28); // 25 +- 10 %
            assertThat(combat.damage(3, 100)).isEqualTo(1);
        }
    }

    @Test
    void killingAMobGivesItsExperienceToTheKillerAndLevelsUpPerClassGrowth() {
        RecordingLink hero = open.join(400, 400);
        Mob pinata = open.world.spawnMob(1, PINATA, 430, 400);
        open.ticks(1);
        attack(hero, pinata.id());
        open.ticks(1);

        CombatEvent kill = hero.received(CombatEvent.class).getLast();
        assertThat(kill.killed).isTrue();
        assertThat(kill.targetHp).isZero();
        assertThat(pinata.state()).isEqualTo(Entity.STATE_DEAD);
        Progress progress = hero.received(Progress.class).getLast();
        assertThat(progress.exp).isEqualTo(250);
        assertThat(progress.level).isEqualTo(2); // 100 exp reach level 2; 400 would be level 3
        assertThat(progress.nextLevelExp).isEqualTo(400);
        assertThat(progress.maxHp).isEqualTo(150 + 20);
        assertThat(progress.attack).isEqualTo(14 + 3);
        Player player = open.player(hero);
        assertThat(player.hp()).isEqualTo(170);
        assertThat(open.saved).as("a level-up is saved at once").anySatisfy(state -> {
            assertThat(state.level()).isEqualTo(2);
            assertThat(state.exp()).isEqualTo(250);
        });
    }

    @Test
    void aDeadPlayerIsToldAndComesBackAtTheSpawnPointWithFullHealth() {
        RecordingLink victim = open.join(400, 400);
        Mob brute = open.world.spawnMob(1, new MobType("brute", 7, "Brute", 500, 500, 0, 50, 200, 40, 20, 480, 0, 100, true),
                430, 400);
        open.ticks(10);
        Died died = victim.received(Died.class).getFirst();
        assertThat(died.killerId).isEqualTo(brute.id());
        assertThat(died.respawnTicks).isEqualTo(CombatSystem.PLAYER_RESPAWN_SECONDS * 20);
        Player player = open.player(victim);
        assertThat(player.state()).isEqualTo(Entity.STATE_DEAD);
        assertThat(brute.mind).isIn(Mob.Mind.RETURN, Mob.Mind.IDLE); // its prey is dead

        open.ticks(died.respawnTicks + 1);
        assertThat(player.state()).isNotEqualTo(Entity.STATE_DEAD);
        assertThat(player.hp()).isEqualTo(player.maxHp());
        assertThat(new Point(player.x(), player.y())).isEqualTo(open.world.map().spawn());
    }

    @Test
    void deadMobsLeaveAsCorpsesAndComeBackInTheirZoneAfterTheirDelay() {
        GameMap map = new GameMap(1, "zoned", 32, 30, 30, new boolean[900], new Point(100, 100), List.of(),
                List.of(new MobZone("pinata", 3, new TileRect(10, 10, 5, 5))));
        WorldFixture zoned = new WorldFixture(map, 1, 10, 640, 5);
        zoned.world.spawnZones(new MobCatalog(List.of(PINATA)));
        List<Mob> mobs = zoned.world.channel(1).entities().stream().map(Mob.class::cast).toList();
        assertThat(mobs).hasSize(3).allSatisfy(mob -> assertThat(mob.zone.area().containsPixel(mob.x(), mob.y(), 32)).isTrue());
        RecordingLink hero = zoned.join(mobs.getFirst().x() - 20, mobs.getFirst().y());
        zoned.world.submit(new Command.Input(hero, new AttackRequest(mobs.getFirst().id())));
        zoned.ticks(1);
        assertThat(mobs.getFirst().state()).isEqualTo(Entity.STATE_DEAD);

        int corpseTicks = LifeSystem.CORPSE_SECONDS * 20;
        assertThat(PINATA.respawnDelayTicks()).as("this test needs the respawn after the corpse").isGreaterThan(corpseTicks + 6);
        zoned.ticks(corpseTicks);
        assertThat(zoned.world.entity(mobs.getFirst().id())).as("corpse removed").isNull();
        zoned.ticks(PINATA.respawnDelayTicks() - corpseTicks - 3);
        assertThat(aliveMobs(zoned)).as("not back before its delay").hasSize(2);
        zoned.ticks(6);
        List<Mob> back = aliveMobs(zoned);
        assertThat(back).as("back after its delay").hasSize(3)
                .allSatisfy(mob -> assertThat(mob.zone.area().containsPixel(mob.x(), mob.y(), 32)).as("inside its zone").isTrue());
        assertThat(back).extracting(Mob::id).doesNotContain(mobs.getFirst().id()); // a new entity, not the corpse revived
    }

    private static List<Mob> aliveMobs(WorldFixture world) {
        return world.world.channel(1).entities().stream().filter(e -> e instanceof Mob m && m.isAlive()).map(Mob.class::cast).toList();
    }

    @Test
    void mobsNeverStandInAWall() {
        GameMap map = ShippedContent.CONTENT.map(2);
        WorldFixture forest = new WorldFixture(map, 1, 50, 640, 9);
        forest.world.spawnZones(ShippedContent.CONTENT.mobs());
        RecordingLink bait = forest.join(map.spawn().x(), map.spawn().y());
        int seq = 1;
        for (int t = 0; t < 600; t++) {
            forest.move(bait, seq++, (float) Math.cos(t / 50.0), (float) Math.sin(t / 50.0));
            forest.world.tick();
            for (Entity entity : forest.world.channel(1).entities()) {
                assertThat(map.boxIsFree(entity.x(), entity.y(), GameMap.ENTITY_HALF_SIZE))
                        .as("%s at (%s, %s) tick %s", entity.name(), entity.x(), entity.y(), t).isTrue();
            }
        }
    }

    @Test
    void outOfCombatPlayersRegenerate() {
        RecordingLink hero = open.join(400, 400);
        Player player = open.player(hero);
        player.setHp(50, open.world.currentTick());
        open.ticks(LifeSystem.REGEN_AFTER_SECONDS * 20 + 20 * 3);
        assertThat(player.hp()).isGreaterThan(50);
    }

    @Test
    void steppingIntoAGateSavesTheCharacterOnTheTargetMapThenSendsMapTransferAndRemovesIt() {
        Gate gate = new Gate("East", new TileRect(20, 0, 2, 10), 2, new Point(112, 208));
        GameMap map = new GameMap(1, "gated", 32, 30, 10, new boolean[300], new Point(100, 100), List.of(gate), List.of());
        WorldFixture gated = new WorldFixture(map, 1, 10, 640, 5);
        RecordingLink traveller = gated.join(600, 100);
        gated.walk(traveller, 1, 1, 0, 10); // 60 px east: into x >= 640

        assertThat(gated.saved).anySatisfy(state -> {
            assertThat(state.mapId()).isEqualTo(2);
            assertThat(state.x()).isEqualTo(112f);
            assertThat(state.y()).isEqualTo(208f);
        });
        MapTransfer transfer = traveller.received(MapTransfer.class).getFirst();
        assertThat(transfer.mapId).isEqualTo(2);
        assertThat(traveller.closedWith.code).isEqualTo("MAP_TRANSFER");
        assertThat(gated.world.playerCount()).isZero();
    }

    @Test
    void aPlayerIsSavedOncePerIntervalWhenItChangedAndOnceMoreWhenItLeavesReleasingItsLease() {
        RecordingLink hero = open.join(400, 400);
        RecordingLink other = open.join(420, 400);
        String heroId = open.player(hero).characterId();
        String otherId = open.player(other).characterId();
        int interval = WorldSettings.DEFAULT_SAVE_EVERY_SECONDS * 20;

        open.ticks(interval); // nothing saved yet by this server: each once
        assertThat(open.saved).filteredOn(state -> state.characterId().equals(heroId)).hasSize(1);
        assertThat(open.saved).filteredOn(state -> state.characterId().equals(otherId)).hasSize(1);

        open.player(hero).placeAt(500, 400, open.world.currentTick());
        open.leave(other); // saved once more on leaving, releasing the lease, then never again
        open.ticks(interval);
        assertThat(open.saved).filteredOn(state -> state.characterId().equals(heroId)).hasSize(2)
                .extracting(CharacterState::release).containsOnly(false);
        assertThat(open.saved).filteredOn(state -> state.characterId().equals(otherId)).hasSize(2)
                .extracting(CharacterState::release).containsExactly(false, true);

        open.ticks(interval); // the hero did not change since: no write
        assertThat(open.saved).filteredOn(state -> state.characterId().equals(heroId)).hasSize(2);
    }
}
