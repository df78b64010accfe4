package com.mmorpg.mapserver.sim;

import com.mmorpg.common.internal.Items;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.protocol.TradeUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades between two players near each other in one channel: ask, accept, offer whole stacks, both lock, both
 * confirm. Moving away, dying, leaving, a new connection of either, or a change to an offered stack cancels it.
 * At the commit everything is checked again (the offered items are where they were, each side has room), the
 * items move and both characters are written in one transaction ({@link CharacterSaves#saveTogether}); the
 * traders hear {@code done} only once that is stored, and touch no item until then. If the write is refused for
 * good both are removed unsaved: their stored states, from before the trade, stand. Tick thread only.
 *
 * <p><b>Why this is one class:</b> it is one state machine, a {@link Trade} going asked → open
 * (offers, locks, confirmations) → committing → stored (or cancelled before that), and nearly every
 * method is one transition of it; apart, the transitions would hide the order they must keep. The trade's
 * data is {@link Trade}, its joint write {@link CharacterSaves#saveTogether}.
 */
final class TradeSystem {

    static final float TRADE_RANGE = 160;
    static final int ANSWER_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(TradeSystem.class);

    private final SaveSchedule saves;
    private final ItemSystem.Placement world;
    private final TrafficCounter traffic;
    private final int mapId;
    private final int answerTicks;
    private final Map<Integer, Trade> trades = new HashMap<>();
    private int nextTradeId = 1;

    TradeSystem(SaveSchedule saves, ItemSystem.Placement world, TrafficCounter traffic, int mapId, int tickRate) {
        this.saves = saves;
        this.world = world;
        this.traffic = traffic;
        this.mapId = mapId;
        this.answerTicks = ANSWER_SECONDS * tickRate;
    }

    /** Whether the player's items are being written by a trade (its item actions wait). */
    static boolean committing(Player player) {
        return player.trade != null && player.trade.stage == Trade.Stage.COMMITTING;
    }

    /** Trades under way (metrics, tests). */
    int count() {
        return trades.size();
    }

    void act(Player player, TradeAction action, int tick) {
        player.itemsKnown = true;
        String refused = switch (action.action) {
            case TradeAction.REQUEST -> request(player, action.target, tick);
            case TradeAction.ACCEPT -> accept(player, action.target);
            case TradeAction.OFFER -> offer(player, action.target);
            case TradeAction.WITHDRAW -> withdraw(player, action.target);
            case TradeAction.LOCK -> lock(player);
            case TradeAction.CONFIRM -> confirm(player, tick);
            case TradeAction.CANCEL -> cancelByPlayer(player);
            default -> "unknown_action";
        };
        if (refused != null) {
            traffic.inputDropped("trade_" + refused);
            TradeUpdate refusal = new TradeUpdate();
            refusal.tradeId = player.trade == null ? 0 : player.trade.id;
            refusal.state = TradeUpdate.CANCELLED;
            refusal.reason = refused;
            if (player.trade != null) {
                refusal.state = state(player.trade, player.trade.sideOf(player));
            }
            player.link.sendReliable(refusal);
        }
    }

    private String request(Player asking, int targetId, int tick) {
        if (asking.trade != null) {
            return "busy";
        }
        if (!(world.entity(targetId) instanceof Player asked) || asked == asking) {
            return "no_such_player";
        }
        if (asked.trade != null) {
            return "partner_busy";
        }
        if (!asked.itemsKnown) {
            return "partner_cannot_trade"; // its client was built before trades
        }
        String unable = unable(asking, asked);
        if (unable != null) {
            return unable;
        }
        Trade trade = new Trade(nextTradeId++, asking, asked, tick);
        trades.put(trade.id, trade);
        asking.trade = trade;
        asked.trade = trade;
        tellBoth(trade, null);
        return null;
    }

    private String accept(Player asked, int askingId) {
        Trade trade = asked.trade;
        if (trade == null || trade.stage != Trade.Stage.ASKED || trade.players[1] != asked || trade.players[0].id != askingId) {
            return "no_such_trade";
        }
        trade.stage = Trade.Stage.OPEN;
        tellBoth(trade, null);
        log.info("Trade opened trade={} characters={},{} map={}", trade.id, trade.players[0].characterId,
                trade.players[1].characterId, mapId);
        return null;
    }

    private String offer(Player player, int slot) {
        Trade trade = open(player);
        if (trade == null) {
            return "no_such_trade";
        }
        int side = trade.sideOf(player);
        Item item = player.inventory.at(slot);
        if (!Inventory.isBagSlot(slot) || item == null) {
            return "no_such_item";
        }
        if (trade.offers(side, slot)) {
            return "already_offered";
        }
        if (trade.offers.get(side).size() >= TradeUpdate.MAX_OFFER) {
            return "offer_full";
        }
        trade.offers.get(side).add(new Trade.Offer(slot, item.id, item.type.id(), item.quantity));
        trade.unlock();
        tellBoth(trade, null);
        return null;
    }

    private String withdraw(Player player, int slot) {
        Trade trade = open(player);
        if (trade == null) {
            return "no_such_trade";
        }
        if (!trade.offers.get(trade.sideOf(player)).removeIf(offer -> offer.slot() == slot)) {
            return "not_offered";
        }
        trade.unlock();
        tellBoth(trade, null);
        return null;
    }

    private String lock(Player player) {
        Trade trade = open(player);
        if (trade == null) {
            return "no_such_trade";
        }
        trade.locked[trade.sideOf(player)] = true;
        tellBoth(trade, null);
        return null;
    }

    private String confirm(Player player, int tick) {
        Trade trade = open(player);
        if (trade == null) {
            return "no_such_trade";
        }
        if (!trade.locked[0] || !trade.locked[1]) {
            return "not_locked";
        }
        if (trade.offers.get(0).isEmpty() && trade.offers.get(1).isEmpty()) {
            // Nothing would move: there is nothing to write (auth-service refuses a trade without items), so it ends here.
            cancel(trade, "nothing_offered");
            return null;
        }
        trade.confirmed[trade.sideOf(player)] = true;
        if (trade.confirmed[0] && trade.confirmed[1]) {
            commit(trade, tick);
        } else {
            tellBoth(trade, null);
        }
        return null;
    }

    private String cancelByPlayer(Player player) {
        Trade trade = player.trade;
        if (trade == null) {
            return "no_such_trade";
        }
        if (trade.stage == Trade.Stage.COMMITTING) {
            return "trade_committing";
        }
        cancel(trade, "cancelled");
        return null;
    }

    private static Trade open(Player player) {
        Trade trade = player.trade;
        return trade != null && trade.stage == Trade.Stage.OPEN ? trade : null;
    }

    /** Why these two cannot trade now, or null. */
    private static String unable(Player one, Player two) {
        if (one.removed || two.removed) {
            return "left";
        }
        if (!one.isAlive() || !two.isAlive()) {
            return "died";
        }
        if (one.transfer != null || two.transfer != null) {
            return "left";
        }
        if (one.channel != two.channel || one.distanceTo(two) > TRADE_RANGE) {
            return "moved_away";
        }
        return null;
    }

    /** Every tick: trades whose traders can no longer trade, or whose question went unanswered, end. */
    void step(int tick) {
        if (trades.isEmpty()) {
            return;
        }
        for (Trade trade : List.copyOf(trades.values())) {
            if (trade.stage == Trade.Stage.COMMITTING) {
                continue;
            }
            String reason = unable(trade.players[0], trade.players[1]);
            if (reason == null && (trade.players[0].link != trade.links[0] || trade.players[1].link != trade.links[1])) {
                reason = "session_replaced";
            }
            if (reason == null && trade.stage == Trade.Stage.ASKED && tick - trade.askedAtTick >= answerTicks) {
                reason = "timed_out";
            }
            if (reason != null) {
                cancel(trade, reason);
            }
        }
    }

    /** An item action of the player changed {@code slots}: an offered stack that changed ends the trade. */
    void itemsChanged(Player player, List<Integer> slots) {
        Trade trade = player.trade;
        if (trade == null || trade.stage != Trade.Stage.OPEN) {
            return;
        }
        int side = trade.sideOf(player);
        for (int slot : slots) {
            if (trade.offers(side, slot)) {
                cancel(trade, "item_changed");
                return;
            }
        }
    }

    private void cancel(Trade trade, String reason) {
        trades.remove(trade.id);
        tellBoth(trade, reason);
        for (Player player : trade.players) {
            if (player.trade == trade) {
                player.trade = null;
            }
        }
        log.info("Trade cancelled trade={} characters={},{} reason={}", trade.id, trade.players[0].characterId,
                trade.players[1].characterId, reason);
    }

    /**
     * Both confirmed: checked again, then the items move and both characters are written together. Nobody hears
     * {@code done} before the write is stored.
     */
    private void commit(Trade trade, int tick) {
        for (int side = 0; side < 2; side++) {
            Inventory inventory = trade.players[side].inventory;
            for (Trade.Offer offer : trade.offers.get(side)) {
                Item item = inventory.at(offer.slot());
                if (item == null || item.id != offer.itemId() || item.quantity != offer.quantity()) {
                    cancel(trade, "item_changed");
                    return;
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            int free = trade.players[side].inventory.freeSlots() + trade.offers.get(side).size();
            if (free < trade.offers.get(1 - side).size()) {
                cancel(trade, "no_space");
                return;
            }
        }
        List<List<Item>> moving = List.of(new ArrayList<>(), new ArrayList<>());
        for (int side = 0; side < 2; side++) {
            for (Trade.Offer offer : trade.offers.get(side)) {
                moving.get(side).add(trade.players[side].inventory.at(offer.slot()));
                trade.players[side].inventory.put(offer.slot(), null);
            }
        }
        for (int side = 0; side < 2; side++) {
            Player giver = trade.players[side];
            Player taker = trade.players[1 - side];
            for (Item item : moving.get(side)) {
                taker.inventory.put(taker.inventory.firstFree(), item);
                giver.ledgerMove(item, giver.characterId, taker.characterId, Items.TRADE);
                taker.ledgerMove(item, giver.characterId, taker.characterId, Items.TRADE);
            }
        }
        trade.stage = Trade.Stage.COMMITTING;
        tellBoth(trade, null);
        CharacterState first = saves.handOverForTrade(trade.players[0]);
        CharacterState second = saves.handOverForTrade(trade.players[1]);
        int id = trade.id;
        saves.saveTogether(first, second).whenComplete((ok, error) -> world.submit(new Command.TradeStored(id, error == null)));
        log.info("Trade committing trade={} characters={},{} items={},{} tick={}", trade.id, trade.players[0].characterId,
                trade.players[1].characterId, moving.get(0).size(), moving.get(1).size(), tick);
    }

    /** {@link Command.TradeStored}: the trade's write was stored (the traders hear {@code done}) or refused for good. */
    void stored(Command.TradeStored stored) {
        Trade trade = trades.remove(stored.tradeId());
        if (trade == null) {
            return;
        }
        for (Player player : trade.players) {
            if (player.trade == trade) {
                player.trade = null;
            }
        }
        if (!stored.stored()) {
            tellBoth(trade, "save_failed");
            return;
        }
        TradeUpdate[] done = {update(trade, 0, null), update(trade, 1, null)};
        for (int side = 0; side < 2; side++) {
            Player player = trade.players[side];
            done[side].state = TradeUpdate.DONE;
            if (!player.removed) {
                player.link.sendReliable(done[side]);
                ItemSystem.sendAll(player);
            }
        }
    }

    private void tellBoth(Trade trade, String cancelled) {
        for (int side = 0; side < 2; side++) {
            Player player = trade.players[side];
            if (!player.removed && player.link == trade.links[side]) {
                player.link.sendReliable(update(trade, side, cancelled));
            }
        }
    }

    private static TradeUpdate update(Trade trade, int side, String cancelled) {
        Player other = trade.players[1 - side];
        TradeUpdate update = new TradeUpdate();
        update.tradeId = trade.id;
        update.state = cancelled != null ? TradeUpdate.CANCELLED : state(trade, side);
        update.reason = cancelled;
        update.partnerId = other.id;
        update.partnerName = other.name;
        for (Trade.Offer offer : trade.offers.get(side)) {
            update.mine.add(new InventoryUpdate.Entry(offer.slot(), offer.itemId(), offer.typeId(), offer.quantity()));
        }
        for (Trade.Offer offer : trade.offers.get(1 - side)) {
            update.theirs.add(new InventoryUpdate.Entry(offer.slot(), offer.itemId(), offer.typeId(), offer.quantity()));
        }
        update.mineLocked = trade.locked[side];
        update.theirsLocked = trade.locked[1 - side];
        update.mineConfirmed = trade.confirmed[side];
        update.theirsConfirmed = trade.confirmed[1 - side];
        return update;
    }

    private static byte state(Trade trade, int side) {
        return switch (trade.stage) {
            case ASKED -> side == 0 ? TradeUpdate.ASKED : TradeUpdate.INVITED;
            case OPEN -> TradeUpdate.OPEN;
            case COMMITTING -> TradeUpdate.COMMITTING;
        };
    }
}
