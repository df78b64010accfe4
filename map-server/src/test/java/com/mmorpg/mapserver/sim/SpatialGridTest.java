package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.content.MobType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpatialGridTest {

    private static final MobType RAT = new MobType("rat", 1, "Rat", 10, 1, 1, 60, 100, 20, 20, 300, 1, 100, false);

    private static List<Entity> scatter(int count, float width, float height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mob mob = new Mob(i + 1, RAT, null, (float) random.nextDouble(0, width), (float) random.nextDouble(0, height));
            mob.slot = i;
            entities.add(mob);
        }
        return entities;
    }

    @Test
    void eachRowOfCellsIsOneContiguousRangeHoldingExactlyItsEntities() {
        float cell = 80;
        SpatialGrid grid = new SpatialGrid(1000, 700, cell);
        List<Entity> entities = scatter(600, 1000, 700, 3);
        grid.rebuild(entities);

        Set<Integer> seen = new HashSet<>();
        int rows = (int) Math.ceil(700 / cell);
        int columns = (int) Math.ceil(1000 / cell);
        for (int row = 0; row < rows; row++) {
            assertThat(grid.rangeStart(row, 0)).as("rows follow each other")
                    .isEqualTo(row == 0 ? 0 : grid.rangeEnd(row - 1, columns - 1));
            for (int column = 0; column < columns; column++) {
                for (int i = grid.rangeStart(row, column); i < grid.rangeEnd(row, column); i++) {
                    assertThat(grid.column(grid.xs()[i])).isEqualTo(column);
                    assertThat(grid.row(grid.ys()[i])).isEqualTo(row);
                    assertThat(grid.items()[i].x).isEqualTo(grid.xs()[i]);
                    assertThat(grid.slots()[i]).isEqualTo(grid.items()[i].slot);
                    seen.add(grid.items()[i].id);
                }
            }
        }
        assertThat(seen).hasSize(entities.size());
    }

    @Test
    void findsExactlyWhatIsWithinTheRadiusLikeABruteForceSearchAndForgetsWhoLeft() {
        SpatialGrid grid = new SpatialGrid(2000, 1500, 160);
        List<Entity> entities = scatter(1500, 2000, 1500, 11);
        grid.rebuild(entities);
        SplittableRandom random = new SplittableRandom(5);
        for (int probe = 0; probe < 200; probe++) {
            float x = (float) random.nextDouble(-100, 2100); // also around and beyond the map's edges
            float y = (float) random.nextDouble(-100, 1600);
            float radius = (float) random.nextDouble(10, 700);
            Set<Integer> found = new HashSet<>();
            grid.forEachWithin(x, y, radius, entity -> assertThat(found.add(entity.id)).isTrue());
            Set<Integer> expected = new HashSet<>();
            for (Entity entity : entities) {
                float dx = entity.x - x;
                float dy = entity.y - y;
                if (dx * dx + dy * dy <= radius * radius) {
                    expected.add(entity.id);
                }
            }
            assertThat(found).isEqualTo(expected);
        }

        grid.rebuild(entities.subList(0, 10));
        List<Integer> left = new ArrayList<>();
        grid.forEachWithin(1000, 750, 5000, entity -> left.add(entity.id));
        assertThat(left).hasSize(10);
        assertThat(grid.items()[10]).as("no reference kept to entities that left").isNull();
    }
}
