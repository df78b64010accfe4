package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MovementTest {

    private static final float HALF = 10f;

    private final WorldFixture walled = new WorldFixture(WorldFixture.drawn(
            "#######",
            "#.....#",
            "#.....#",
            "#.....#",
            "#######"), 1, 10, 320, 1);

    @Test
    void walkingIntoAWallStopsFlushAgainstIt() {
        RecordingLink link = walled.join(48, 48);
        walled.walk(link, 1, 1, 0, 60);

        Player player = walled.player(link);
        assertThat(player.x()).isCloseTo(6 * 32 - HALF, within(0.01f));
        assertThat(player.y()).isEqualTo(48f);
    }

    @Test
    void walkingDiagonallyIntoAWallSlidesAlongIt() {
        RecordingLink link = walled.join(48, 80);
        walled.walk(link, 1, 0.7071f, -0.7071f, 10);

        Player player = walled.player(link);
        assertThat(player.y()).isCloseTo(32 + HALF, within(0.01f)); // flush under the top wall
        assertThat(player.x()).isGreaterThan(48 + 40); // kept going along it
    }

    @Test
    void theMapEdgeIsAWall() {
        WorldFixture open = WorldFixture.open(20, 20);
        RecordingLink link = open.join(50, 50);
        open.walk(link, 1, -1, -1, 40);

        Player player = open.player(link);
        assertThat(player.x()).isCloseTo(HALF, within(0.01f));
        assertThat(player.y()).isCloseTo(HALF, within(0.01f));
    }

    @Test
    void aTickMovesAtTheClassSpeedWhateverDirectionLengthTheClientSends() {
        WorldFixture open = WorldFixture.open(20, 20);
        RecordingLink link = open.join(100, 100);
        open.walk(link, 1, 50, 0, 1); // a hacked client asking for 50x speed

        assertThat(open.player(link).x()).isCloseTo(100 + 120f / 20, within(0.001f));
    }

    @Test
    void duplicateAndOutOfOrderInputsAreIgnoredAndTheNewestSeqIsAcknowledged() {
        WorldFixture open = WorldFixture.open(20, 20);
        RecordingLink link = open.join(100, 100);
        open.move(link, 5, 1, 0);
        open.move(link, 3, -1, 0); // older datagram arriving late
        open.move(link, 5, -1, 0); // duplicate
        open.ticks(1);

        assertThat(open.player(link).x()).isGreaterThan(100);
        assertThat(link.lastSnapshot().ackSeq).isEqualTo(5);
    }

    @Test
    void aPlayerWhoseClientWentQuietStops() {
        WorldFixture open = WorldFixture.open(40, 20);
        RecordingLink link = open.join(100, 100);
        open.move(link, 1, 1, 0);
        open.ticks(MovementSystem.INPUT_TIMEOUT_TICKS + 5);
        float stoppedAt = open.player(link).x();
        open.ticks(5);

        assertThat(open.player(link).x()).isEqualTo(stoppedAt);
        assertThat(stoppedAt).isCloseTo(100 + (MovementSystem.INPUT_TIMEOUT_TICKS + 1) * 6f, within(0.01f));
        assertThat(open.player(link).state()).isEqualTo(Entity.STATE_IDLE);
    }
}
