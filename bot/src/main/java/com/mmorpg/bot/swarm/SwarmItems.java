package com.mmorpg.bot.swarm;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.protocol.TradeUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What a {@code bot load --items} bot does, on its event loop: it opts in to items, hunts (walks to the
 * nearest live mob within {@link #SIGHT} px and attacks it once a second when in reach), walks to loot it
 * sees and picks it up, drops a stack every 20 s while it holds three or more (others pick it up), asks a
 * player standing near every {@link #TRADE_EVERY_TICKS} ticks to trade, and trades as an obliging player:
 * accepts whoever asks, offers one stack, locks, confirms, and stands still while a trade is under way
 * (walking away cancels it). Knows where it is from the snapshot's origin, and where the others are from
 * {@link EntityEntered} and the snapshots' entries.
 */
final class SwarmItems {

    /** Loot and mobs farther than this are left alone. */
    static final float SIGHT = 400;
    /** Asks only players this near (the server trades within 160 px). */
    static final float TRADE_REACH = 140;
    /** The server picks up within 64 px. */
    static final float PICKUP_REACH = 56;
    /** Every 15 s at 20 ticks a second. */
    static final int TRADE_EVERY_TICKS = 300;
    /** Every 20 s, a bot holding this many stacks drops one (others pick it up: a drop's way through the books). */
    private static final int DROP_EVERY_TICKS = 400;
    private static final int DROP_WHEN_HOLDING = 3;
    /** Entity state: dead (the map server's {@code Entity.STATE_DEAD}). */
    private static final byte DEAD = 2;

    private final Swarm.Stats stats;
    private final SplittableRandom random;
    private final Consumer<Object> sendTcp;
    private final Map<Integer, float[]> loot = new HashMap<>();
    /** Mobs and players in view: id → {x, y, alive (1 or 0)}. */
    private final Map<Integer, float[]> mobs = new HashMap<>();
    private final Map<Integer, float[]> players = new HashMap<>();
    private final Map<Integer, InventoryUpdate.Entry> bag = new HashMap<>();
    private float x = Float.NaN;
    private float y = Float.NaN;
    private TradeUpdate trade;
    private int offeredIn = -1;
    private int ticks;
    private int target = -1;
    private int prey = -1;
    private float reach = 40;
    private int pickingUp = -1;
    private final int tradePhase;

    SwarmItems(Swarm.Stats stats, SplittableRandom random, Consumer<Object> sendTcp) {
        this.stats = stats;
        this.random = random;
        this.sendTcp = sendTcp;
        this.tradePhase = random.nextInt(TRADE_EVERY_TICKS);
    }

    /** After Welcome: this client speaks items (the server sends the inventory, and may ask it to trade). */
    void welcomed(float atX, float atY, float attackRange) {
        x = atX;
        y = atY;
        reach = attackRange + 20 - 4; // both bodies, less a margin
        sendTcp.accept(new ItemAction(ItemAction.LIST, 0, 0, 0));
    }

    /** A snapshot: this bot's position (its origin) and the others' moves, hit points and deaths. */
    void snapshot(Snapshot snapshot) {
        x = snapshot.originX();
        y = snapshot.originY();
        for (int i = 0; i < snapshot.size(); i++) {
            float[] at = mobs.get(snapshot.id(i));
            if (at == null) {
                at = players.get(snapshot.id(i));
            }
            if (at == null) {
                continue;
            }
            if (snapshot.has(i, Snapshot.POSITION)) {
                at[0] = snapshot.x(i);
                at[1] = snapshot.y(i);
            }
            if (snapshot.has(i, Snapshot.HP)) {
                at[2] = snapshot.hp(i) > 0 ? 1 : 0;
            }
            if (snapshot.has(i, Snapshot.STATE) && snapshot.state(i) == DEAD) {
                at[2] = 0;
            }
        }
    }

    void entered(EntityEntered entity) {
        float[] at = {entity.x, entity.y, entity.hp > 0 && entity.state != DEAD ? 1 : 0};
        switch (entity.kind) {
            case EntityEntered.KIND_ITEM -> loot.put(entity.id, new float[] {entity.x, entity.y, 1});
            case EntityEntered.KIND_MOB -> mobs.put(entity.id, at);
            case EntityEntered.KIND_PLAYER -> players.put(entity.id, at);
            default -> {
            }
        }
    }

    void left(int entityId) {
        loot.remove(entityId);
        mobs.remove(entityId);
        players.remove(entityId);
        if (target == entityId) {
            target = -1;
        }
        if (prey == entityId) {
            prey = -1;
        }
    }

    /** The mob to hit now (in reach), or -1. */
    int attackTarget() {
        float[] at = prey < 0 ? null : mobs.get(prey);
        return at != null && at[2] > 0 && distance(at) <= reach ? prey : -1;
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
        if ((ticks + tradePhase) % TRADE_EVERY_TICKS == 0) {
            List<Integer> near = new ArrayList<>();
            players.forEach((id, at) -> {
                if (at[2] > 0 && distance(at) <= TRADE_REACH) {
                    near.add(id);
                }
            });
            if (!near.isEmpty()) {
                stats.tradesAsked.increment();
                sendTcp.accept(new TradeAction(TradeAction.REQUEST, near.get(random.nextInt(near.size()))));
                return new float[] {0, 0};
            }
        }
        if ((ticks + tradePhase) % DROP_EVERY_TICKS == 0 && bag.size() >= DROP_WHEN_HOLDING) {
            List<Integer> slots = bagSlots();
            sendTcp.accept(new ItemAction(ItemAction.DROP, slots.get(random.nextInt(slots.size())), 0, 0));
        }
        if (Float.isNaN(x)) {
            return null;
        }
        float[] toLoot = towardLoot();
        return toLoot != null ? toLoot : towardPrey();
    }

    /** Toward the nearest live mob in sight, standing still once in reach; null when none. */
    private float[] towardPrey() {
        float[] at = prey < 0 ? null : mobs.get(prey);
        if (at == null || at[2] <= 0 || distance(at) > SIGHT) {
            prey = nearest(mobs, SIGHT);
            at = prey < 0 ? null : mobs.get(prey);
        }
        if (at == null) {
            return null;
        }
        float distance = distance(at);
        if (distance <= reach) {
            return new float[] {0, 0};
        }
        return new float[] {(at[0] - x) / distance, (at[1] - y) / distance};
    }

    private float distance(float[] at) {
        float dx = at[0] - x;
        float dy = at[1] - y;
        return (float) Math.sqrt(dx * dx + dy * dy);
    }

    private float[] towardLoot() {
        if (target < 0 || !loot.containsKey(target)) {
            target = nearest(loot, SIGHT);
            if (target < 0) {
                return null;
            }
        }
        float[] at = loot.get(target);
        float dx = at[0] - x;
        float dy = at[1] - y;
        float distance = distance(at);
        if (distance > SIGHT) {
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

    /** The nearest live entity of {@code among} within {@code sight}, or -1 (loot is always "live"). */
    private int nearest(Map<Integer, float[]> among, float sight) {
        int best = -1;
        float bestDistance = sight;
        for (Map.Entry<Integer, float[]> entry : among.entrySet()) {
            float distance = distance(entry.getValue());
            if (entry.getValue()[2] > 0 && distance < bestDistance) {
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
