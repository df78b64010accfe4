package com.mmorpg.mapserver.interest;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.ChannelChanged;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.mapserver.sim.Mob;
import com.mmorpg.mapserver.sim.Player;
import com.mmorpg.mapserver.sim.RecordingLink;
import com.mmorpg.mapserver.sim.WorldFixture;
import com.mmorpg.mapserver.sim.WorldSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterestTest {

    private final WorldFixture fixture = WorldFixture.open(80, 20);

    @Test
    void playersSeeEachOtherInsideTheViewRadiusAndLoseSightBeyondIt() {
        RecordingLink a = fixture.join(100, 100);
        RecordingLink b = fixture.join(200, 100);
        // both ended in different channels (least full first): put b next to a
        fixture.changeChannel(b, fixture.player(a).channelNumber());
        fixture.ticks(1);
        int bId = fixture.player(b).id();
        assertThat(a.received(EntityEntered.class)).extracting(e -> e.id).containsExactly(bId);
        assertThat(b.received(EntityEntered.class)).extracting(e -> e.id).contains(fixture.player(a).id());

        fixture.walk(b, 1, 1, 0, 60); // 360 px further: beyond 320 * 1.15

        assertThat(a.received(EntityLeft.class)).extracting(e -> e.id).containsExactly(bId);
        assertThat(fixture.views.sees(fixture.player(a), bId)).isFalse();

        fixture.walk(b, 100, -1, 0, 60);
        assertThat(a.received(EntityEntered.class)).extracting(e -> e.id).containsExactly(bId, bId);
    }

    @Test
    void snapshotsCarryOnlyWhatChangedAndAcknowledgeInput() {
        RecordingLink a = fixture.join(100, 100);
        Mob mob = fixture.world.spawnMob(fixture.player(a).channelNumber(), 1, "Slime", 150, 100, 60, 30);
        fixture.ticks(3);
        a.clear();
        fixture.ticks(1);
        assertThat(a.snapshots).as("nothing changed, no snapshot").isEmpty();

        mob.steer(0, 1);
        fixture.ticks(1);

        Snapshot snapshot = a.lastSnapshot();
        assertThat(snapshot.size()).isEqualTo(1);
        assertThat(snapshot.id(0)).isEqualTo(mob.id());
        assertThat(snapshot.has(0, Snapshot.POSITION)).isTrue();
        assertThat(snapshot.has(0, Snapshot.HP)).isFalse();
        assertThat(snapshot.y(0)).isEqualTo(103f);
    }

    @Test
    void aCrowdedViewIsSplitIntoSnapshotsThatEachFitOneDatagram() {
        WorldFixture fixture = new WorldFixture(com.mmorpg.content.GameMap.open(1, 80, 20, 32),
                WorldSettings.of(20, 2, 10, 320, 42).withMaxVisible(1_000));
        RecordingLink a = fixture.join(300, 300);
        int channel = fixture.player(a).channelNumber();
        java.util.List<Mob> mobs = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            mobs.add(fixture.world.spawnMob(channel, 1, "Rat", 100 + (i % 20) * 20, 100 + (i / 20) * 20, 60, 10));
        }
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS); // all of them entered the view
        a.clear();
        mobs.forEach(mob -> mob.steer(0, 1));
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS); // every one of them moved, far ones updated once

        Kryo kryo = new Kryo();
        Protocol.register(kryo);
        java.util.Set<Integer> updated = new java.util.HashSet<>();
        for (Snapshot snapshot : a.snapshots) {
            Output out = new Output(2048, 1 << 16);
            kryo.writeClassAndObject(out, snapshot);
            assertThat(out.position()).isLessThanOrEqualTo(Snapshot.MAX_BYTES);
            for (int i = 0; i < snapshot.size(); i++) {
                updated.add(snapshot.id(i));
            }
        }
        assertThat(a.snapshots.size()).isGreaterThan(2);
        assertThat(updated).containsAll(mobs.stream().map(Mob::id).toList());
    }

    @Test
    void farEntitiesAreUpdatedEveryOtherTickWithEverythingThatChangedAndNearOnesEveryTick() {
        RecordingLink a = fixture.join(300, 300); // view radius 320: near within 160
        int channel = fixture.player(a).channelNumber();
        Mob near = fixture.world.spawnMob(channel, 1, "Slime", 350, 300, 60, 30);
        Mob far = fixture.world.spawnMob(channel, 1, "Slime", 550, 300, 60, 30);
        Mob otherFar = fixture.world.spawnMob(channel, 1, "Slime", 300, 550, 60, 30);
        fixture.ticks(3);
        a.clear();
        near.steer(0, 1);
        far.steer(0, 1);
        otherFar.steer(1, 0);

        int ticks = 9;
        int nearUpdates = 0;
        int farUpdates = 0;
        for (int t = 0; t < ticks; t++) {
            if (t == 6) {
                far.steer(0, 0); // each stops on a different tick: its last step must arrive either way
            }
            if (t == 7) {
                otherFar.steer(0, 0);
            }
            int before = a.snapshots.size();
            fixture.ticks(1);
            nearUpdates += updatesOf(a.snapshots.subList(before, a.snapshots.size()), near.id());
            farUpdates += updatesOf(a.snapshots.subList(before, a.snapshots.size()), far.id());
        }
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS);

        assertThat(nearUpdates).isEqualTo(ticks);
        assertThat(farUpdates).isBetween(ticks / InterestWorker.FAR_INTERVAL_TICKS - 1,
                ticks / InterestWorker.FAR_INTERVAL_TICKS + 1);
        assertThat(lastSeenPosition(a, far)[1]).isGreaterThan(300f).isEqualTo(Snapshot.quantize(far.y()) / Snapshot.UNITS_PER_PIXEL);
        assertThat(lastSeenPosition(a, otherFar)[0]).isGreaterThan(300f)
                .isEqualTo(Snapshot.quantize(otherFar.x()) / Snapshot.UNITS_PER_PIXEL);
    }

    private static float[] lastSeenPosition(RecordingLink link, Mob mob) {
        float[] position = {-1, -1};
        for (Snapshot snapshot : link.snapshots) {
            for (int i = 0; i < snapshot.size(); i++) {
                if (snapshot.id(i) == mob.id() && snapshot.has(i, Snapshot.POSITION)) {
                    position[0] = snapshot.x(i);
                    position[1] = snapshot.y(i);
                }
            }
        }
        return position;
    }

    private static int updatesOf(List<Snapshot> snapshots, int id) {
        int updates = 0;
        for (Snapshot snapshot : snapshots) {
            for (int i = 0; i < snapshot.size(); i++) {
                if (snapshot.id(i) == id) {
                    updates++;
                }
            }
        }
        return updates;
    }

    @Test
    void inACrowdEachPlayerTracksOnlyTheNearestEntitiesAndKeepsThemWhileTheCrowdShuffles() {
        WorldFixture fixture = new WorldFixture(com.mmorpg.content.GameMap.open(1, 80, 20, 32),
                WorldSettings.of(20, 1, 500, 320, 42).withMaxVisible(20));
        RecordingLink a = fixture.join(400, 300);
        java.util.List<Mob> mobs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) { // rings: mob i at 10 + 2.5 i px from the player
            double angle = i * 2.399963;
            float distance = 10 + 2.5f * i;
            mobs.add(fixture.world.spawnMob(1, 1, "Rat", 400 + (float) (Math.cos(angle) * distance),
                    300 + (float) (Math.sin(angle) * distance), 60, 10));
        }
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS * 2);

        java.util.Set<Integer> nearest = mobs.subList(0, 20).stream().map(Mob::id).collect(java.util.stream.Collectors.toSet());
        Player player = fixture.player(a);
        assertThat(fixture.views.visibleCount(player)).isEqualTo(20);
        assertThat(nearest).allMatch(id -> fixture.views.sees(player, id));
        assertThat(a.received(EntityEntered.class)).extracting(e -> e.id).containsExactlyInAnyOrderElementsOf(nearest);

        a.clear();
        // mob 20 moves to 55 px: nearer than the farthest tracked (57.5 px), but not by the tracked bias
        fixture.place(mobs.get(20), 400 + 55, 300);
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS * 2);
        assertThat(a.received(EntityEntered.class)).as("no flicker at the cut").isEmpty();

        fixture.place(mobs.get(21), 400, 300 + 5); // clearly near now: it replaces the farthest
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS * 2);
        assertThat(a.received(EntityEntered.class)).extracting(e -> e.id).containsExactly(mobs.get(21).id());
        assertThat(a.received(EntityLeft.class)).hasSize(1);
        assertThat(fixture.views.visibleCount(player)).isEqualTo(20);
        assertThat(fixture.views.sees(player, mobs.get(21).id())).isTrue();
        assertThat(fixture.views.sees(player, mobs.get(19).id())).as("the farthest tracked made room").isFalse();
    }

    @Test
    void inACrowdTheNearestAreUpdatedEveryTickTheNextEveryOtherTickAndTheRestOnEachRescanWithNothingLost() {
        WorldFixture fixture = new WorldFixture(com.mmorpg.content.GameMap.open(1, 80, 40, 32),
                WorldSettings.of(20, 1, 500, 640, 42).withMaxVisible(100));
        RecordingLink a = fixture.join(1200, 600);
        java.util.List<Mob> mobs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) { // three groups of rings, far enough apart that walking keeps the ranks
            double angle = i * 2.399963;
            float distance = i < 32 ? 20 + 2 * i : i < 64 ? 120 + 2 * (i - 32) : 220 + 2 * (i - 64); // all within 320
            mobs.add(fixture.world.spawnMob(1, 1, "Rat", 1200 + (float) (Math.cos(angle) * distance),
                    600 + (float) (Math.sin(angle) * distance), 10, 10));
        }
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS * 2);
        assertThat(fixture.views.visibleCount(fixture.player(a))).isEqualTo(100);
        mobs.forEach(mob -> mob.steer(0, 1)); // everyone walks: every entity changes every tick
        a.clear();

        int ticks = InterestWorker.VISIBILITY_INTERVAL_TICKS * 4;
        fixture.ticks(ticks);
        int[] updates = mobs.stream().mapToInt(mob -> updatesOf(a.snapshots, mob.id())).toArray();
        int tier = InterestWorker.NEAR_SLOTS;
        assertThat(java.util.Arrays.stream(updates, 0, tier)).as("nearest").allMatch(n -> n == ticks);
        assertThat(java.util.Arrays.stream(updates, tier, 2 * tier)).as("middle")
                .allMatch(n -> n == ticks / InterestWorker.FAR_INTERVAL_TICKS);
        assertThat(java.util.Arrays.stream(updates, 2 * tier, 100)).as("the rest")
                .allMatch(n -> n == ticks / InterestWorker.VISIBILITY_INTERVAL_TICKS);

        mobs.forEach(mob -> mob.steer(0, 0));
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS); // the last steps of the far ones arrive too
        for (Mob mob : mobs) {
            assertThat(lastSeenPosition(a, mob)[1]).isEqualTo(Snapshot.quantize(mob.y()) / Snapshot.UNITS_PER_PIXEL);
        }
    }

    @Test
    void combatIsHeardOnlyByPlayersThatHaveAttackerOrTargetInView() {
        WorldFixture fixture = new WorldFixture(com.mmorpg.content.GameMap.open(1, 80, 40, 32),
                WorldSettings.of(20, 1, 500, 640, 42).withMaxVisible(3));
        RecordingLink hero = fixture.join(1000, 600);
        RecordingLink watcher = fixture.join(1000, 700); // sees the hero and the mob
        RecordingLink crowded = fixture.join(1500, 600); // within hearing, but three nearer mobs fill its view
        int channel = fixture.player(hero).channelNumber();
        Mob target = fixture.world.spawnMob(channel, 1, "Rat", 1030, 600, 60, 10);
        for (int i = 0; i < 3; i++) {
            fixture.world.spawnMob(channel, 1, "Rat", 1500 + 10 * i, 620, 60, 10);
        }
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS * 2);
        assertThat(fixture.views.sees(fixture.player(watcher), target.id())).isTrue();
        assertThat(fixture.views.sees(fixture.player(crowded), target.id())).isFalse();
        assertThat(fixture.views.sees(fixture.player(crowded), fixture.player(hero).id())).isFalse();

        fixture.world.submit(new com.mmorpg.mapserver.sim.Command.Input(hero, new com.mmorpg.protocol.AttackRequest(target.id())));
        fixture.ticks(1);

        assertThat(hero.received(com.mmorpg.protocol.CombatEvent.class)).hasSize(1);
        assertThat(watcher.received(com.mmorpg.protocol.CombatEvent.class)).hasSize(1);
        assertThat(crowded.received(com.mmorpg.protocol.CombatEvent.class)).isEmpty();
    }

    @Test
    void channelsAreIsolatedWorlds() {
        RecordingLink a = fixture.join(100, 100);
        RecordingLink b = fixture.join(100, 100);
        Player pa = fixture.player(a);
        Player pb = fixture.player(b);
        assertThat(pa.channelNumber()).isNotEqualTo(pb.channelNumber());
        fixture.world.spawnMob(pb.channelNumber(), 1, "Slime", 120, 100, 60, 30);
        fixture.ticks(5);

        assertThat(a.received(EntityEntered.class)).isEmpty();
        assertThat(b.received(EntityEntered.class)).extracting(e -> e.kind).containsExactly(EntityEntered.KIND_MOB);

        fixture.changeChannel(a, pb.channelNumber());
        fixture.ticks(InterestWorker.VISIBILITY_INTERVAL_TICKS); // b's next scan of its view

        assertThat(a.received(ChannelChanged.class)).singleElement()
                .satisfies(changed -> assertThat(changed.accepted).isTrue());
        assertThat(a.received(EntityEntered.class)).extracting(e -> e.id).contains(pb.id());
        assertThat(b.received(EntityEntered.class)).extracting(e -> e.id).contains(pa.id());
    }

    @Test
    void changingToAMissingOrTheSameChannelIsRefused() {
        RecordingLink a = fixture.join(100, 100);
        int current = fixture.player(a).channelNumber();
        fixture.changeChannel(a, 99);
        fixture.changeChannel(a, current);
        fixture.ticks(1);

        assertThat(a.received(ChannelChanged.class)).hasSize(2)
                .allSatisfy(changed -> {
                    assertThat(changed.accepted).isFalse();
                    assertThat(changed.channel).isEqualTo(current);
                });
    }

    @Test
    void splittingTheWorkOverSeveralWorkersSendsEveryPlayerTheSameMessagesAllFromTheTickThread() {
        List<List<Integer>> single = crowdWalk(1);
        List<List<Integer>> split = crowdWalk(3);

        assertThat(split).isEqualTo(single);
        assertThat(single.stream().mapToInt(List::size).sum()).isGreaterThan(200);
    }

    @Test
    void helperThreadsTakeChunksOfThePlayersAndEveryMessageStillLeavesFromTheTickThread() {
        WorldFixture crowd = new WorldFixture(com.mmorpg.content.GameMap.open(1, 60, 60, 32),
                WorldSettings.of(20, 1, 500, 320, 3).withInterestThreads(2));
        List<RecordingLink> links = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 3 * InterestScheduler.CHUNK; i++) {
            links.add(crowd.join((float) random.nextDouble(20, 1900), (float) random.nextDouble(20, 1900)));
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        int ticks = 0;
        // The tick thread takes every chunk the helper has not claimed yet: on a busy machine the
        // helper may miss a few ticks, so tick until it has taken some (each tick takes ~1 ms).
        while (crowd.views.chunksByHelpers() == 0 && System.nanoTime() < deadline) {
            ticks++;
            for (RecordingLink link : links) {
                crowd.move(link, ticks, (float) random.nextDouble(-1, 1), (float) random.nextDouble(-1, 1));
            }
            crowd.world.tick();
        }
        long yieldsAfterTheLastTick = crowd.views.helperYields();
        sleepQuietly(60); // the idle time between two ticks (the server's is ~45 ms)
        long yieldsBetweenTicks = crowd.views.helperYields() - yieldsAfterTheLastTick;
        crowd.views.close();
        int ran = ticks;

        assertThat(crowd.views.chunksByHelpers()).as("chunks done by the helper in %d ticks", ran).isPositive();
        // A helper waits for a phase only while a tick runs: at most the one turn it may have begun
        // as the last tick ended (it once yielded for 25 ms after every tick, thousands of turns).
        assertThat(yieldsBetweenTicks).as("helper yields while no tick ran").isLessThanOrEqualTo(1);
        assertThat(links).allSatisfy(link -> {
            assertThat(link.senders).containsOnly(Thread.currentThread());
            assertThat(link.snapshots).as("one snapshot a tick, whoever computed it").hasSizeGreaterThanOrEqualTo(ran);
        });
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 120 players wander; for each player, the ids of every EntityEntered then EntityLeft, in order. */
    private static List<List<Integer>> crowdWalk(int workers) {
        WorldFixture crowd = new WorldFixture(com.mmorpg.content.GameMap.open(1, 60, 60, 32),
                WorldSettings.of(20, 1, 500, 320, 3).withInterestThreads(workers));
        List<RecordingLink> links = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 120; i++) {
            links.add(crowd.join((float) random.nextDouble(20, 1900), (float) random.nextDouble(20, 1900)));
        }
        for (int tick = 1; tick <= 60; tick++) {
            for (RecordingLink link : links) {
                crowd.move(link, tick, (float) random.nextDouble(-1, 1), (float) random.nextDouble(-1, 1));
            }
            crowd.world.tick();
        }
        crowd.views.close();
        assertThat(links).allSatisfy(link -> assertThat(link.senders).as("helpers compute, the tick thread sends")
                .containsOnly(Thread.currentThread()));
        assertThat(links.stream().mapToInt(link -> link.snapshots.size()).sum()).isGreaterThan(60 * 100);
        return links.stream().map(link -> link.reliable.stream()
                .filter(m -> m instanceof EntityEntered || m instanceof EntityLeft)
                .map(m -> m instanceof EntityEntered e ? e.id : -((EntityLeft) m).id)
                .toList()).toList();
    }
}
