package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.common.internal.Items;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.content.GameMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trade state machine, tick by tick: every way a trade ends, and what a completed one writes. */
class TradeSystemTest {

    private final WorldFixture fixture = new WorldFixture(GameMap.open(1, 60, 30, WorldFixture.TILE),
            WorldSettings.of(20, 1, 50, 320, 7), ItemSystemTest.CATALOG, ItemIds.NONE);
    private RecordingLink alice;
    private RecordingLink bob;
    private Player a;
    private Player b;

    @BeforeEach
    void twoPlayers() {
        alice = fixture.join(300, 300);
        bob = fixture.join(340, 300);
        a = fixture.player(alice);
        b = fixture.player(bob);
        a.inventory.put(0, new Item(11, ItemSystemTest.SWORD, 1));
        a.inventory.put(1, new Item(12, ItemSystemTest.GEL, 4));
        b.inventory.put(0, new Item(21, ItemSystemTest.POTION, 3));
        a.itemsKnown = true; // both clients speak items (they sent ItemAction.LIST)
        b.itemsKnown = true;
    }

    @Test
    void aPlayerWhoseClientDoesNotSpeakItemsIsNeverAskedToTrade() {
        b.itemsKnown = false;
        trade(alice, TradeAction.REQUEST, b.id);
        assertThat(last(alice).reason).isEqualTo("partner_cannot_trade");
        assertThat(bob.received(TradeUpdate.class)).isEmpty();
        assertThat(bob.received(InventoryUpdate.class)).isEmpty();
    }

    @Test
    void bothConfirmedTheItemsMoveAreWrittenTogetherAndDoneComesOnlyAfterTheWrite() {
        List<CompletableFuture<Void>> held = holdSaves();
        open();
        trade(alice, TradeAction.OFFER, 0);
        trade(alice, TradeAction.OFFER, 1);
        trade(bob, TradeAction.OFFER, 0);
        trade(alice, TradeAction.LOCK, 0);
        trade(bob, TradeAction.LOCK, 0);
        trade(alice, TradeAction.CONFIRM, 0);
        assertThat(last(bob).theirsConfirmed).isTrue();
        trade(bob, TradeAction.CONFIRM, 0);

        assertThat(last(alice).state).isEqualTo(TradeUpdate.COMMITTING);
        assertThat(b.inventory.at(0).id).as("moved in the world at once, into the first free slots").isEqualTo(11);
        assertThat(b.inventory.at(1).id).isEqualTo(12);
        item(bob, ItemAction.DESTROY, 1);
        assertThat(bob.received(InventoryUpdate.class).getLast().refused).isEqualTo("trade_committing");
        trade(bob, TradeAction.CANCEL, 0);
        assertThat(last(bob).reason).isEqualTo("trade_committing");
        List<CharacterState> written = new ArrayList<>(fixture.saved);
        assertThat(written).hasSize(2);
        CharacterState aliceState = written.stream().filter(s -> s.characterId().equals(a.characterId)).findFirst().orElseThrow();
        assertThat(aliceState.events()).containsExactly(
                new ItemEvent(1, 11, 100, 1, a.characterId, b.characterId, Items.TRADE),
                new ItemEvent(2, 12, 10, 4, a.characterId, b.characterId, Items.TRADE),
                new ItemEvent(3, 21, 1, 3, b.characterId, a.characterId, Items.TRADE));
        assertThat(aliceState.items()).containsExactly(new SavedItem(21, 1, 3, 0));
        fixture.ticks(3);
        assertThat(last(alice).state).as("not done before the write is stored").isEqualTo(TradeUpdate.COMMITTING);

        held.forEach(answer -> answer.complete(null));
        fixture.ticks(2);

        assertThat(last(alice).state).isEqualTo(TradeUpdate.DONE);
        assertThat(last(bob).state).isEqualTo(TradeUpdate.DONE);
        assertThat(bob.received(InventoryUpdate.class).getLast().full).isTrue();
        assertThat(a.trade).isNull();
        assertThat(b.handOver(1).events()).isEmpty();
    }

    @Test
    void aChangedOfferUnlocksBothAndConfirmingNeedsBothLocks() {
        open();
        trade(alice, TradeAction.OFFER, 0);
        trade(alice, TradeAction.LOCK, 0);
        trade(bob, TradeAction.CONFIRM, 0);
        assertThat(last(bob).reason).isEqualTo("not_locked");
        trade(bob, TradeAction.LOCK, 0);
        trade(alice, TradeAction.OFFER, 1);

        assertThat(last(alice).mineLocked).isFalse();
        assertThat(last(alice).theirsLocked).isFalse();
        assertThat(last(bob).theirs).extracting(InventoryUpdate.Entry::itemId).containsExactly(11L, 12L);
        trade(alice, TradeAction.WITHDRAW, 0);
        assertThat(last(bob).theirs).extracting(InventoryUpdate.Entry::itemId).containsExactly(12L);
    }

    @Test
    void movingAwayEndsTheTrade() {
        open();
        fixture.place(b, 340 + TradeSystem.TRADE_RANGE + 50, 300);
        fixture.ticks(1);
        assertCancelled("moved_away");
    }

    @Test
    void aDroppedOfferedStackEndsTheTrade() {
        open();
        trade(alice, TradeAction.OFFER, 1);
        item(alice, ItemAction.DROP, 1);
        assertCancelled("item_changed");
    }

    @Test
    void leavingEndsTheTrade() {
        open();
        fixture.leave(bob);
        fixture.ticks(1);
        assertThat(last(alice).state).isEqualTo(TradeUpdate.CANCELLED);
        assertThat(last(alice).reason).isEqualTo("left");
        assertThat(a.trade).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"asked", "open", "offered", "locked", "one_confirmed"})
    void aTraderDisconnectingAtAnyStepBeforeTheCommitEndsTheTradeAndNothingMoves(String step) {
        trade(alice, TradeAction.REQUEST, b.id);
        if (!step.equals("asked")) {
            trade(bob, TradeAction.ACCEPT, a.id);
        }
        if (step.equals("offered") || step.equals("locked") || step.equals("one_confirmed")) {
            trade(alice, TradeAction.OFFER, 0);
            trade(bob, TradeAction.OFFER, 0);
        }
        if (step.equals("locked") || step.equals("one_confirmed")) {
            trade(alice, TradeAction.LOCK, 0);
            trade(bob, TradeAction.LOCK, 0);
        }
        if (step.equals("one_confirmed")) {
            trade(bob, TradeAction.CONFIRM, 0);
        }
        fixture.leave(bob);
        fixture.ticks(1);
        assertThat(last(alice).state).isEqualTo(TradeUpdate.CANCELLED);
        assertThat(last(alice).reason).isEqualTo("left");
        assertThat(a.trade).isNull();
        assertThat(a.inventory.at(0).id).as("nothing moved").isEqualTo(11);
        assertThat(fixture.saved).as("no joint write").noneMatch(state -> state.events() != null && state.events().stream()
                .anyMatch(event -> Items.TRADE.equals(event.reason())));
    }

    @Test
    void aTraderDisconnectingWhileTheTradeIsWrittenChangesNothingAndTheOtherHearsDone() {
        List<CompletableFuture<Void>> held = holdSaves();
        open();
        trade(alice, TradeAction.OFFER, 0);
        trade(bob, TradeAction.OFFER, 0);
        lockAndConfirm();
        assertThat(last(alice).state).isEqualTo(TradeUpdate.COMMITTING);
        fixture.leave(bob);
        fixture.ticks(2);
        assertThat(last(alice).state).as("the write is under way: not cancelled").isEqualTo(TradeUpdate.COMMITTING);
        held.forEach(answer -> answer.complete(null));
        fixture.ticks(2);
        assertThat(last(alice).state).isEqualTo(TradeUpdate.DONE);
        assertThat(a.inventory.at(0).id).as("the buyer's potion").isEqualTo(21);
    }

    @Test
    void aSecondLoginOfATraderEndsTheTrade() {
        open();
        RecordingLink again = new RecordingLink();
        fixture.world.submit(new Command.Join(again, WorldFixture.sheet(b.characterId, 340, 300)));
        fixture.ticks(2);
        assertThat(last(alice).reason).isEqualTo("session_replaced");
        assertThat(b.trade).isNull();
    }

    @Test
    void anUnansweredQuestionTimesOut() {
        trade(alice, TradeAction.REQUEST, b.id);
        assertThat(last(bob).state).isEqualTo(TradeUpdate.INVITED);
        fixture.ticks(TradeSystem.ANSWER_SECONDS * 20);
        assertCancelled("timed_out");
    }

    @Test
    void noRoomForWhatComesEndsTheTradeAtTheCommit() {
        for (int slot = 1; slot < Inventory.BAG_SLOTS; slot++) {
            b.inventory.put(slot, new Item(100 + slot, ItemSystemTest.GEL, 1));
        }
        open();
        trade(alice, TradeAction.OFFER, 0);
        trade(alice, TradeAction.OFFER, 1);
        lockAndConfirm();
        assertCancelled("no_space");
        assertThat(a.inventory.at(0).id).as("nothing moved").isEqualTo(11);
    }

    @Test
    void confirmingATradeWhereNobodyOffersAnythingEndsItWithoutAWrite() {
        open();
        trade(alice, TradeAction.LOCK, 0);
        trade(bob, TradeAction.LOCK, 0);
        trade(alice, TradeAction.CONFIRM, 0);
        assertCancelled("nothing_offered");
        assertThat(fixture.saved).as("no joint write auth-service would refuse").isEmpty();
        assertThat(a.inventory.at(0).id).isEqualTo(11);
    }

    @Test
    void aRefusedWriteEndsTheTradeAsFailed() {
        fixture.saveAnswers = state -> CompletableFuture.failedFuture(new IllegalStateException("refused: LEASE_LOST"));
        open();
        trade(alice, TradeAction.OFFER, 0);
        lockAndConfirm();
        fixture.ticks(2);
        assertThat(last(alice).state).isEqualTo(TradeUpdate.CANCELLED);
        assertThat(last(alice).reason).isEqualTo("save_failed");
    }

    private void open() {
        trade(alice, TradeAction.REQUEST, b.id);
        trade(bob, TradeAction.ACCEPT, a.id);
        assertThat(last(alice).state).isEqualTo(TradeUpdate.OPEN);
        assertThat(last(alice).partnerName).isEqualTo(b.name);
    }

    private void lockAndConfirm() {
        trade(alice, TradeAction.LOCK, 0);
        trade(bob, TradeAction.LOCK, 0);
        trade(alice, TradeAction.CONFIRM, 0);
        trade(bob, TradeAction.CONFIRM, 0);
    }

    private void assertCancelled(String reason) {
        assertThat(last(alice).state).isEqualTo(TradeUpdate.CANCELLED);
        assertThat(last(alice).reason).isEqualTo(reason);
        assertThat(last(bob).reason).isEqualTo(reason);
        assertThat(a.trade).isNull();
        assertThat(b.trade).isNull();
    }

    private List<CompletableFuture<Void>> holdSaves() {
        List<CompletableFuture<Void>> held = new ArrayList<>();
        fixture.saveAnswers = state -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        };
        return held;
    }

    private void trade(RecordingLink link, byte action, int target) {
        fixture.world.submit(new Command.Input(link, new TradeAction(action, target)));
        fixture.world.tick();
    }

    private void item(RecordingLink link, byte action, int slot) {
        fixture.world.submit(new Command.Input(link, new ItemAction(action, slot, 0, 0)));
        fixture.world.tick();
    }

    private static TradeUpdate last(RecordingLink link) {
        return link.received(TradeUpdate.class).getLast();
    }
}
