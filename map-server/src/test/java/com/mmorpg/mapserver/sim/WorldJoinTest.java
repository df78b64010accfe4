package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.Welcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WorldJoinTest {

    private final WorldFixture walled = new WorldFixture(WorldFixture.drawn(
            "######",
            "#....#",
            "#.##.#",
            "#....#",
            "######"), 2, 1, 320, 1);

    @Test
    void aPlayerSpawnsAtItsSavedPositionAndIsWelcomed() {
        RecordingLink link = walled.join(WorldFixture.sheet("7", 144, 48));

        Welcome welcome = link.received(Welcome.class).getFirst();
        assertThat(welcome.characterId).isEqualTo("7");
        assertThat(welcome.x).isEqualTo(144f);
        assertThat(welcome.y).isEqualTo(48f);
        assertThat(welcome.channel).isEqualTo(1);
        assertThat(welcome.channelCount).isEqualTo(2);
        assertThat(welcome.tickRate).isEqualTo(20);
        assertThat(welcome.maxHp).isEqualTo(150);
        assertThat(welcome.speed).isEqualTo(120f);
    }

    @Test
    void aSavedPositionInsideAWallOrOffTheMapFallsBackToTheSpawnPoint() {
        RecordingLink inWall = walled.join(WorldFixture.sheet("1", 80, 80));
        RecordingLink offMap = walled.join(WorldFixture.sheet("2", 5000, -3));

        for (RecordingLink link : List.of(inWall, offMap)) {
            Welcome welcome = link.received(Welcome.class).getFirst();
            assertThat(welcome.x).isEqualTo(48f);
            assertThat(welcome.y).isEqualTo(48f);
        }
    }

    @Test
    void aCharacterSavedDeadComesBackAtTheSpawnPointWithFullHealth() {
        CharacterSheet dead = new CharacterSheet("9", "u9", "Ghost", 1, 1, 144, 48, 1, 0, 0, 150, 0, 30, 14, 8, 120, 48, 3,
                CharacterSheet.Growth.NONE);
        Welcome welcome = walled.join(dead).received(Welcome.class).getFirst();

        assertThat(welcome.hp).isEqualTo(150);
        assertThat(welcome.x).isEqualTo(48f);
    }

    @Test
    void playersFillTheLeastFullChannelAndAFullMapRefusesThem() {
        RecordingLink first = walled.join(48, 48);
        RecordingLink second = walled.join(48, 48);
        RecordingLink third = walled.join(48, 48);

        assertThat(walled.player(first).channelNumber()).isEqualTo(1);
        assertThat(walled.player(second).channelNumber()).isEqualTo(2);
        assertThat(third.closedWith.code).isEqualTo("MAP_FULL");
        assertThat(third.received(Welcome.class)).isEmpty();
    }

    @Test
    void aSecondLoginOfTheSameCharacterTakesOverItsEntity() {
        RecordingLink first = walled.join(WorldFixture.sheet("5", 48, 48));
        int entity = walled.player(first).id();
        walled.walk(first, 1, 1, 0, 5);
        float x = walled.player(first).x();

        RecordingLink second = walled.join(WorldFixture.sheet("5", 48, 48));

        assertThat(first.closedWith.code).isEqualTo("SESSION_REPLACED");
        Welcome welcome = second.received(Welcome.class).getFirst();
        assertThat(welcome.entityId).isEqualTo(entity);
        assertThat(welcome.x).isEqualTo(x); // the live position wins over the stale saved one
        assertThat(walled.world.playerCount()).isEqualTo(1);
        walled.walk(second, 1, 1, 0, 1); // the new client's seq starts again at 1
        assertThat(walled.player(second).x()).isGreaterThan(x);
    }

    @Test
    void theMapLayoutIsSentOncePerConnectionAndAgainToASecondLogin() {
        RecordingLink first = walled.join(WorldFixture.sheet("6", 48, 48));
        walled.requestLayout(first);
        walled.requestLayout(first);
        walled.ticks(1);
        assertThat(first.received(MapLayout.class)).hasSize(1);
        assertThat(first.received(MapLayout.class).getFirst().definition).contains("\"tiles\"");

        RecordingLink second = walled.join(WorldFixture.sheet("6", 48, 48));
        walled.requestLayout(second);
        walled.ticks(1);

        assertThat(first.closedWith.code).isEqualTo("SESSION_REPLACED");
        assertThat(second.received(MapLayout.class)).hasSize(1); // the new client has not drawn the map yet
    }

    @Test
    void aSecondLoginIsToldOfEverythingAlreadyInView() {
        WorldFixture open = new WorldFixture(walled.world.map(), 1, 10, 320, 1);
        RecordingLink neighbour = open.join(WorldFixture.sheet("31", 48, 48));
        RecordingLink first = open.join(WorldFixture.sheet("32", 144, 48));
        open.ticks(2);
        int neighbourId = open.player(neighbour).id();
        assertThat(first.received(EntityEntered.class)).extracting(e -> e.id).contains(neighbourId);

        RecordingLink second = open.join(WorldFixture.sheet("32", 144, 48));
        open.ticks(2);

        assertThat(first.closedWith.code).isEqualTo("SESSION_REPLACED");
        assertThat(second.received(EntityEntered.class)).extracting(e -> e.id).contains(neighbourId);
    }

    @Test
    void leavingSavesTheStateAndOthersSeeTheEntityGo() {
        WorldFixture open = new WorldFixture(walled.world.map(), 1, 10, 320, 1);
        RecordingLink stays = open.join(48, 48);
        RecordingLink goes = open.join(WorldFixture.sheet("77", 144, 48));
        int goneId = open.player(goes).id();
        open.walk(goes, 1, 0, 1, 4);
        float y = open.player(goes).y();

        open.leave(goes);
        open.ticks(1);

        assertThat(open.saved).singleElement().satisfies(state -> {
            assertThat(state.characterId()).isEqualTo("77");
            assertThat(state.mapId()).isEqualTo(1);
            assertThat(state.y()).isEqualTo(y);
            assertThat(state.hp()).isEqualTo(150);
        });
        assertThat(stays.received(EntityLeft.class)).extracting(e -> e.id).containsExactly(goneId);
        assertThat(open.world.playerCount()).isEqualTo(1);
    }

    @Test
    void aCharacterLoadedForAConnectionThatClosedMeanwhileIsNotSpawned() {
        RecordingLink gone = new RecordingLink();
        gone.close(new com.mmorpg.protocol.Rejected("X", "closed"));
        walled.world.submit(new Command.Join(gone, WorldFixture.sheet("3", 48, 48)));
        walled.ticks(1);

        assertThat(walled.world.playerCount()).isZero();
    }

    @Test
    void removeAllHandsEveryPlayersStateToTheSaves() throws Exception {
        walled.join(48, 48);
        walled.join(144, 48);
        CompletableFuture<List<CharacterState>> done = new CompletableFuture<>();
        walled.world.submit(new Command.RemoveAll(done));
        walled.ticks(1);

        assertThat(done.get()).hasSize(2);
        assertThat(walled.saved).hasSize(2);
        assertThat(walled.world.playerCount()).isZero();
    }
}
