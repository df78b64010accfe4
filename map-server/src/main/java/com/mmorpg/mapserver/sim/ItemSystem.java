package com.mmorpg.mapserver.sim;

import com.mmorpg.common.internal.Items;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.Progress;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import com.mmorpg.content.LootEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items in the world: loot rolled on a kill (seeded, like combat) and lying on the ground, reserved for
 * the killer for {@link #RESERVED_SECONDS}, gone after {@link #GROUND_SECONDS}; and what players do with
 * their inventories ({@link ItemAction}). Every change of what a player has is a ledger event of its,
 * written with its next state. A drop leaves the books with a save of its own, and the stack appears on the
 * ground only once that save is stored: until then nobody can pick it up, so a server dying in between
 * leaves it with its owner, never with two. Tick thread only.
 *
 * <p><b>Why this is one class:</b> the ground and the bags keep one rule together, an item is in
 * exactly one place on the books: a pick-up, a drop and a loot roll each move an item between the
 * ground and a bag inside one method, and cutting the ground from the inventories would spread each
 * of those moves over two classes. Each action is its own short method; the bag itself is {@link
 * Inventory}.
 */
final class ItemSystem {

    static final int RESERVED_SECONDS = 30;
    static final int GROUND_SECONDS = 120;
    /** How far from a ground item's centre a player may pick it up, in pixels. */
    static final float PICKUP_RANGE = 64;

    private static final Logger log = LoggerFactory.getLogger(ItemSystem.class);

    /** How the item system puts entities into the world and takes them out (the world's own bookkeeping). */
    interface Placement {
        int nextEntityId();

        void add(Channel channel, Entity entity);

        void remove(Entity entity);

        Entity entity(int id);

        /** A command for the next tick, from any thread. */
        void submit(Command command);
    }

    private final ItemCatalog catalog;
    private final ItemIds ids;
    private final SplittableRandom random;
    private final TrafficCounter traffic;
    private final SaveSchedule saves;
    private final Placement world;
    private final int mapId;
    private final int tickRate;
    private final List<GroundItem> ground = new ArrayList<>();
    private final List<Drop> dueDrops = new ArrayList<>();
    private final TradeSystem trades;

    /** A stack about to lie on the ground. */
    record Drop(Channel channel, ItemType type, int quantity, long itemId, float x, float y, String reservedFor,
            String reservedParty) {
    }

    ItemSystem(ItemCatalog catalog, ItemIds ids, SplittableRandom random, TrafficCounter traffic, SaveSchedule saves,
            Placement world, TradeSystem trades, int mapId, int tickRate) {
        this.trades = trades;
        this.catalog = catalog;
        this.ids = ids;
        this.random = random;
        this.traffic = traffic;
        this.saves = saves;
        this.world = world;
        this.mapId = mapId;
        this.tickRate = tickRate;
    }

    /** A player killed {@code mob}: its loot table is rolled, line by line, and what drops lies around the corpse. */
    void mobKilled(Mob mob, Player killer) {
        List<LootEntry> table = catalog.lootOf(mob.type.key());
        int dropped = 0;
        for (LootEntry line : table) {
            if (random.nextDouble() >= line.chance()) {
                continue;
            }
            int quantity = line.min() + (line.max() > line.min() ? random.nextInt(line.max() - line.min() + 1) : 0);
            double angle = dropped++ * 2.399963; // the golden angle: drops fan out instead of piling up
            float distance = 10 + 6 * dropped;
            dueDrops.add(new Drop(mob.channel, catalog.get(line.item()), quantity, 0,
                    mob.x + (float) (Math.cos(angle) * distance), mob.y + (float) (Math.sin(angle) * distance), killer.characterId,
                    killer.partyId));
        }
    }

    /** After the tick's fights: the loot of its kills onto the ground, and items whose time is up off it. */
    void step(int tick) {
        for (Drop drop : dueDrops) {
            place(drop, tick);
        }
        dueDrops.clear();
        if (tick % tickRate == 0) {
            for (Iterator<GroundItem> it = ground.iterator(); it.hasNext(); ) {
                GroundItem item = it.next();
                if (tick >= item.expiresAtTick) {
                    it.remove();
                    world.remove(item);
                }
            }
        }
    }

    /** {@link Command.DropStored}: the drop's save was stored (the stack lies down now) or given up (it is gone). */
    void dropStored(Command.DropStored stored, int tick) {
        if (stored.stored()) {
            place(stored.drop(), tick);
        } else {
            log.warn("A dropped item's save was not stored; it stays with its owner's stored state item={} character={}",
                    stored.drop().itemId(), stored.characterId());
        }
    }

    /** Ground items lying now (tests, metrics). */
    int groundCount() {
        return ground.size();
    }

    /** A ground item in {@code channel} of {@code type} (tests). */
    GroundItem findOnGround(Predicate<GroundItem> which) {
        for (GroundItem item : ground) {
            if (which.test(item)) {
                return item;
            }
        }
        return null;
    }

    void place(Drop drop, int tick) {
        GroundItem item = new GroundItem(world.nextEntityId(), drop.type(), drop.quantity(), drop.itemId(), drop.x(), drop.y(),
                drop.reservedFor(), drop.reservedParty(), tick + RESERVED_SECONDS * tickRate, tick + GROUND_SECONDS * tickRate);
        ground.add(item);
        world.add(drop.channel(), item);
    }

    /** Sends the player everything it has (entering the world, a new connection, after a trade), when its client speaks items. */
    static void sendAll(Player player) {
        if (player.itemsKnown) {
            player.link.sendReliable(new InventoryUpdate(true, player.inventory.entries(), null));
        }
    }

    /** An {@link ItemAction}: done (the changed slots are sent) or refused (the reason is sent and counted). */
    void act(Player player, ItemAction action, int tick) {
        player.itemsKnown = true;
        if (action.action == ItemAction.LIST) {
            sendAll(player);
            return;
        }
        List<Integer> changed = new ArrayList<>(2);
        int attack = player.attack;
        int defense = player.defense;
        String refused;
        if (!player.isAlive() || player.transfer != null) {
            refused = "unable";
        } else if (TradeSystem.committing(player)) {
            refused = "trade_committing";
        } else {
            refused = switch (action.action) {
                case ItemAction.PICK_UP -> pickUp(player, action.source, tick, changed);
                case ItemAction.MOVE -> move(player, action.source, action.target, changed);
                case ItemAction.SPLIT -> split(player, action.source, action.target, action.quantity, changed);
                case ItemAction.DROP -> drop(player, action.source, changed);
                case ItemAction.DESTROY -> destroy(player, action.source, changed);
                case ItemAction.USE -> use(player, action.source, tick, changed);
                case ItemAction.EQUIP -> equip(player, action.source, changed);
                case ItemAction.UNEQUIP -> unequip(player, action.source, action.target, changed);
                default -> "unknown_action";
            };
        }
        if (refused != null) {
            traffic.inputDropped("item_" + refused);
            player.link.sendReliable(InventoryUpdate.refused(refused));
            return;
        }
        trades.itemsChanged(player, changed);
        List<InventoryUpdate.Entry> entries = new ArrayList<>(changed.size());
        for (int slot : changed) {
            entries.add(player.inventory.entry(slot));
        }
        player.link.sendReliable(new InventoryUpdate(false, entries, null));
        if (player.attack != attack || player.defense != defense) {
            player.link.sendReliable(CombatSystem.progress(player));
        }
    }

    private String pickUp(Player player, int entityId, int tick, List<Integer> changed) {
        if (!(world.entity(entityId) instanceof GroundItem item) || item.removed || item.channel != player.channel) {
            return "item_gone";
        }
        if (player.distanceTo(item) > PICKUP_RANGE) {
            return "out_of_range";
        }
        if (!item.takeableBy(player, tick)) {
            return "item_reserved";
        }
        Inventory inventory = player.inventory;
        int intoStacks = Math.min(item.quantity, inventory.roomInStacks(item.type));
        int rest = item.quantity - intoStacks;
        int free = rest > 0 ? inventory.firstFree() : -1;
        if (rest > 0 && free < 0) {
            return "inventory_full";
        }
        long newId = rest == 0 ? 0 : item.isLoot() ? ids.next() : item.itemId;
        if (rest > 0 && newId == 0) {
            return "try_again"; // no fresh ids at hand (auth-service away): the loot stays where it is
        }
        String reason = item.isLoot() ? Items.LOOT : Items.PICKUP;
        int left = intoStacks;
        for (int slot : inventory.stacksWithRoom(item.type)) {
            if (left == 0) {
                break;
            }
            Item stack = inventory.at(slot);
            int added = Math.min(left, stack.room());
            stack.quantity += added;
            left -= added;
            player.ledger(stack.id, stack, added, true, reason);
            changed.add(slot);
        }
        if (rest > 0) {
            Item stack = new Item(newId, item.type, rest);
            inventory.put(free, stack);
            player.ledger(newId, stack, rest, true, reason);
            changed.add(free);
        }
        ground.remove(item);
        world.remove(item);
        return null;
    }

    private String move(Player player, int from, int to, List<Integer> changed) {
        Inventory inventory = player.inventory;
        Item moving = inventory.at(from);
        if (!Inventory.isBagSlot(from) || !Inventory.isBagSlot(to) || moving == null) {
            return "no_such_item";
        }
        if (from == to) {
            return "same_slot";
        }
        Item there = inventory.at(to);
        if (there != null && there.type == moving.type && there.room() > 0) {
            int merged = Math.min(there.room(), moving.quantity);
            there.quantity += merged;
            moving.quantity -= merged;
            player.ledger(moving.id, moving, merged, false, Items.MERGE);
            player.ledger(there.id, there, merged, true, Items.MERGE);
            if (moving.quantity == 0) {
                inventory.put(from, null);
            }
        } else {
            inventory.put(to, moving);
            inventory.put(from, there);
            player.itemsChanged = true;
        }
        changed.add(from);
        changed.add(to);
        return null;
    }

    private String split(Player player, int from, int to, int quantity, List<Integer> changed) {
        Inventory inventory = player.inventory;
        Item stack = inventory.at(from);
        if (!Inventory.isBagSlot(from) || stack == null) {
            return "no_such_item";
        }
        if (!Inventory.isBagSlot(to) || inventory.at(to) != null) {
            return "slot_taken";
        }
        if (quantity < 1 || quantity >= stack.quantity) {
            return "bad_quantity";
        }
        long id = ids.next();
        if (id == 0) {
            return "try_again";
        }
        stack.quantity -= quantity;
        Item part = new Item(id, stack.type, quantity);
        inventory.put(to, part);
        player.ledger(stack.id, stack, quantity, false, Items.SPLIT);
        player.ledger(id, part, quantity, true, Items.SPLIT);
        changed.add(from);
        changed.add(to);
        return null;
    }

    /** The stack leaves the books with a save of its own; it lies on the ground once that is stored. */
    private String drop(Player player, int slot, List<Integer> changed) {
        Item item = player.inventory.at(slot);
        if (!Inventory.isBagSlot(slot) || item == null) {
            return "no_such_item";
        }
        player.inventory.put(slot, null);
        player.ledger(item.id, item, item.quantity, false, Items.DROP);
        changed.add(slot);
        Drop drop = new Drop(player.channel, item.type, item.quantity, item.id, player.x, player.y, null, null);
        String characterId = player.characterId;
        long leaseId = player.leaseId;
        saves.save(player, false).whenComplete((ok, error) ->
                world.submit(new Command.DropStored(characterId, leaseId, drop, error == null)));
        return null;
    }

    private String destroy(Player player, int slot, List<Integer> changed) {
        Item item = player.inventory.at(slot);
        if (!Inventory.isBagSlot(slot) || item == null) {
            return "no_such_item";
        }
        player.inventory.put(slot, null);
        player.ledger(item.id, item, item.quantity, false, Items.DESTROY);
        changed.add(slot);
        return null;
    }

    private String use(Player player, int slot, int tick, List<Integer> changed) {
        Item item = player.inventory.at(slot);
        if (!Inventory.isBagSlot(slot) || item == null) {
            return "no_such_item";
        }
        if (item.type.kind() != ItemType.Kind.CONSUMABLE) {
            return "not_usable";
        }
        if (player.level < item.type.level()) {
            return "level_too_low";
        }
        if (tick - player.lastConsumableTick < item.type.cooldownTicks()) {
            return "cooldown";
        }
        if (player.hp >= player.maxHp) {
            return "hp_full";
        }
        player.lastConsumableTick = tick;
        player.setHp(Math.min(player.maxHp, player.hp + item.type.heal()), tick);
        item.quantity--;
        player.ledger(item.id, item, 1, false, Items.USE);
        if (item.quantity == 0) {
            player.inventory.put(slot, null);
        }
        changed.add(slot);
        return null;
    }

    private String equip(Player player, int slot, List<Integer> changed) {
        Inventory inventory = player.inventory;
        Item item = inventory.at(slot);
        if (!Inventory.isBagSlot(slot) || item == null) {
            return "no_such_item";
        }
        if (!item.type.wearable()) {
            return "not_wearable";
        }
        if (player.level < item.type.level()) {
            return "level_too_low";
        }
        int worn = Inventory.wornSlotOf(item.type);
        inventory.put(slot, inventory.at(worn));
        inventory.put(worn, item);
        player.itemsChanged = true;
        player.gearChanged();
        changed.add(slot);
        changed.add(worn);
        return null;
    }

    private String unequip(Player player, int worn, int target, List<Integer> changed) {
        Inventory inventory = player.inventory;
        Item item = inventory.at(worn);
        if (!Inventory.isWornSlot(worn) || item == null) {
            return "no_such_item";
        }
        int slot = target == -1 ? inventory.firstFree() : target;
        if (slot == -1) {
            return "inventory_full";
        }
        if (!Inventory.isBagSlot(slot) || inventory.at(slot) != null) {
            return "slot_taken";
        }
        inventory.put(slot, item);
        inventory.put(worn, null);
        player.itemsChanged = true;
        player.gearChanged();
        changed.add(worn);
        changed.add(slot);
        return null;
    }
}
