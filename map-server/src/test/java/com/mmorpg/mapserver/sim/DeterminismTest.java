package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void sameSeedAndSameInputsGiveTheSameWorld() {
        assertThat(run(7, 0)).isEqualTo(run(7, 0));
    }

    @Test
    void aDifferentInputOrSeedGivesADifferentWorld() {
        long reference = run(7, 0);
        assertThat(run(7, 1)).isNotEqualTo(reference);
        assertThat(run(8, 0)).isNotEqualTo(reference);
    }

    /** Players walk a script; mobs wander with the world's seeded random. */
    private static long run(long seed, int twist) {
        WorldFixture fixture = new WorldFixture(WorldFixture.drawn(
                "##########",
                "#........#",
                "#..##....#",
                "#........#",
                "#....#...#",
                "#........#",
                "##########"), 2, 10, 200, seed);
        List<RecordingLink> links = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            links.add(fixture.join(48 + i * 32, 48));
        }
        List<Mob> mobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mobs.add(fixture.world.spawnMob(1 + i % 2, 1, "Rat", 100 + i * 20, 150, 60, 20));
        }
        for (int tick = 0; tick < 200; tick++) {
            for (int i = 0; i < links.size(); i++) {
                float angle = (tick / 20 + i + (i == 0 ? twist : 0)) * 0.9f;
                fixture.move(links.get(i), tick + 1, (float) Math.cos(angle), (float) Math.sin(angle));
            }
            for (Mob mob : mobs) {
                mob.steer((float) fixture.world.random().nextDouble(-1, 1), (float) fixture.world.random().nextDouble(-1, 1));
            }
            fixture.world.tick();
        }
        return fixture.world.hash();
    }
}
