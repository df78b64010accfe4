package com.mmorpg.client.swarm;

import com.mmorpg.common.protocol.EntityEntered;
import com.mmorpg.common.protocol.InventoryUpdate;
import com.mmorpg.common.protocol.ItemAction;
import com.mmorpg.common.protocol.Snapshot;
import com.mmorpg.common.protocol.TradeAction;
import com.mmorpg.common.protocol.TradeUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What a {@code bot load --items} bot does with items, on its event loop: it opts in to items, walks to
 * loot it sees (within {@link #LOOT_SIGHT} px) and picks it up, drops a stack now and then when its bags
 * fill (so others find loot too), asks a player it saw to trade every {@link #TRADE_EVERY_TICKS} ticks,
 * and trades as an obliging player: accepts whoever asks, offers one stack, locks, confirms, and stands
 * still while a trade is under way (walking away cancels it). Knows where it is from the snapshot's
 * origin and where loot lies from {@link EntityEntered}.
 */
final class SwarmItems {

    /** Loot farther than this is left alone. */
    static final float LOOT_SIGHT = 400;
    /** The server picks up within 64 px. */
    static final float PICKUP_REACH = 56;
    /** Every 15 s at 20 ticks a second. */
    static final int TRADE_EVERY_TICKS = 300;
    private static final int BAG_FULL_ENOUGH = 20;

    private final Swarm.Stats stats;
    private final SplittableRandom random;
    private final Consumer<Object> sendTcp;
    private final Map<Integer, float[]> loot = new HashMap<>();
    private final List<Integer> players = new ArrayList<>();
    private final Map<Integer, InventoryUpdate.Entry> bag = new HashMap<>();
    private float x = Float.NaN;
    private float y = Float.NaN;
    private TradeUpdate trade;
    private int offeredIn = -1;
    private int ticks;
    private int target = -1;
    private int pickingUp = -1;
    private final int tradePhase;

    SwarmItems(Swarm.Stats stats, SplittableRandom random, Consumer<Object> sendTcp) {
        this.stats = stats;
        this.random = random;
        this.sendTcp = sendTcp;
        this.tradePhase = random.nextInt(TRADE_EVERY_TICKS);
    }

    /** After Welcome: this client speaks items (the server sends the inventory, and may ask it to trade). */
    void welcomed(float atX, float atY) {
        x = atX;
        y = atY;
        sendTcp.accept(new ItemAction(ItemAction.LIST, 0, 0, 0));
    }

    void position(Snapshot header) {
        x = header.originX();
        y = header.originY();
    }

    void entered(EntityEntered entity) {
        if (entity.kind == EntityEntered.KIND_ITEM) {
            loot.put(entity.id, new float[] {entity.x, entity.y});
        } else if (entity.kind == EntityEntered.KIND_PLAYER && !players.contains(entity.id)) {
            players.add(entity.id);
        }
    }

    void left(int entityId) {
        loot.remove(entityId);
        players.remove((Integer) entityId);
        if (target == entityId) {
            target = -1;
        }
    }

    void inventory(InventoryUpdate update) {
        if (update.refused != null && !update.refused.isEmpty()) {
            stats.itemRefusals.increment();
            if (pickingUp >= 0) { // reserved for its killer, or gone: look for other loot
                loot.remove(pickingUp);
                pickingUp = -1;
            }
            return;
        }
        pickingUp = -1;
        if (update.full) {
            bag.clear();
        }
        for (InventoryUpdate.Entry entry : update.entries) {
            InventoryUpdate.Entry before = bag.get(entry.slot());
            if (!update.full && entry.quantity() > (before == null ? 0 : before.quantity())) {
                stats.itemsGained.increment();
            }
            if (entry.quantity() == 0) {
                bag.remove(entry.slot());
            } else {
                bag.put(entry.slot(), entry);
            }
        }
    }

    void trade(TradeUpdate update) {
        trade = update;
        switch (update.state) {
            case TradeUpdate.INVITED -> sendTcp.accept(new TradeAction(TradeAction.ACCEPT, update.partnerId));
            case TradeUpdate.OPEN -> {
                if (offeredIn != update.tradeId) {
                    offeredIn = update.tradeId;
                    bagSlots().stream().findFirst().ifPresent(slot -> sendTcp.accept(new TradeAction(TradeAction.OFFER, slot)));
                } else if (!update.mineLocked) {
                    sendTcp.accept(new TradeAction(TradeAction.LOCK, 0));
                } else if (update.theirsLocked && !update.mineConfirmed) {
                    sendTcp.accept(new TradeAction(TradeAction.CONFIRM, 0));
                }
            }
            case TradeUpdate.DONE -> {
                stats.tradesDone.increment();
                trade = null;
            }
            case TradeUpdate.CANCELLED -> {
                stats.tradesCancelled.increment();
                trade = null;
            }
            default -> {
            }
        }
    }

    /**
     * Every tick: the direction to walk in ({@code null}: the bot's own wandering), picking up, dropping
     * and asking to trade.
     */
    float[] tick() {
        ticks++;
        if (trade != null) {
            // An offer with nothing to offer: lock right away. Otherwise wait for the server's answers.
            if (trade.state == TradeUpdate.OPEN && offeredIn == trade.tradeId && trade.mine.isEmpty() && !trade.mineLocked
                    && ticks % 20 == 0) {
                sendTcp.accept(new TradeAction(TradeAction.LOCK, 0));
            }
            return new float[] {0, 0};
        }
        if ((ticks + tradePhase) % TRADE_EVERY_TICKS == 0 && !players.isEmpty()) {
            stats.tradesAsked.increment();
            sendTcp.accept(new TradeAction(TradeAction.REQUEST, players.get(random.nextInt(players.size()))));
            return new float[] {0, 0};
        }
        if (ticks % 100 == 0 && bag.size() >= BAG_FULL_ENOUGH) {
            List<Integer> slots = bagSlots();
            sendTcp.accept(new ItemAction(ItemAction.DROP, slots.get(random.nextInt(slots.size())), 0, 0));
        }
        return Float.isNaN(x) ? null : towardLoot();
    }

    private float[] towardLoot() {
        if (target < 0 || !loot.containsKey(target)) {
            target = nearestLoot();
            if (target < 0) {
                return null;
            }
        }
        float[] at = loot.get(target);
        float dx = at[0] - x;
        float dy = at[1] - y;
        float distance = (float) Math.sqrt(dx * dx + dy * dy);
        if (distance > LOOT_SIGHT) {
            target = -1;
            return null;
        }
        if (distance <= PICKUP_REACH) {
            if (ticks % 10 == 0) {
                stats.pickupsAsked.increment();
                pickingUp = target;
                sendTcp.accept(new ItemAction(ItemAction.PICK_UP, target, 0, 0));
            }
            return new float[] {0, 0};
        }
        return new float[] {dx / distance, dy / distance};
    }

    private int nearestLoot() {
        int best = -1;
        float bestDistance = LOOT_SIGHT;
        for (Map.Entry<Integer, float[]> entry : loot.entrySet()) {
            float dx = entry.getValue()[0] - x;
            float dy = entry.getValue()[1] - y;
            float distance = (float) Math.sqrt(dx * dx + dy * dy);
            if (distance < bestDistance) {
                best = entry.getKey();
                bestDistance = distance;
            }
        }
        return best;
    }

    private List<Integer> bagSlots() {
        List<Integer> slots = new ArrayList<>();
        for (int slot : bag.keySet()) {
            if (slot < InventoryUpdate.EQUIPMENT_FIRST) {
                slots.add(slot);
            }
        }
        slots.sort(null);
        return slots;
    }
}
