package com.mmorpg.bot;

import com.mmorpg.client.auth.AuthClient.ItemType;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.InventoryUpdate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a playing bot does with items: walks to loot lying near and picks it up (giving up on a stack the
 * server keeps refusing: someone else's loot), wears what is better than what it wears when its level
 * allows, and drinks a potion when its health runs low. One line per thing it did.
 */
final class BotItems {

    /** How far the bot goes for loot, in pixels. */
    static final double LOOT_RADIUS = 260;
    private static final int GIVE_UP_AFTER = 6;
    private static final long PICK_UP_EVERY_MILLIS = 400;

    private final Map<Integer, ItemType> types = new HashMap<>();
    private final PlayBot.Log log;
    private final Map<Integer, Integer> refusedPickUps = new HashMap<>();
    private long lastPickUp;
    private long lastGearCheck;

    BotItems(List<ItemType> types, PlayBot.Log log) {
        types.forEach(type -> this.types.put(type.id(), type));
        this.log = log;
    }

    String name(int typeId) {
        ItemType type = types.get(typeId);
        return type == null ? "item #" + typeId : type.name();
    }

    /** The nearest loot worth walking to, if any. */
    Optional<MapClient.EntityView> nearestLoot(MapClient map) {
        float x = map.prediction().x();
        float y = map.prediction().y();
        return map.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_ITEM && refusedPickUps.getOrDefault(e.id(), 0) < GIVE_UP_AFTER)
                .filter(e -> Math.hypot(e.x() - x, e.y() - y) < LOOT_RADIUS)
                .min(Comparator.comparingDouble(e -> Math.hypot(e.x() - x, e.y() - y)));
    }

    /** Next to {@code item}: asks for it (now and then: the answer comes as an inventory update). */
    void pickUp(MapClient map, MapClient.EntityView item) {
        long now = System.currentTimeMillis();
        if (now - lastPickUp < PICK_UP_EVERY_MILLIS) {
            return;
        }
        lastPickUp = now;
        refusedPickUps.merge(item.id(), 1, Integer::sum); // forgotten when it is ours
        map.pickUp(item.id());
    }

    /** An inventory update arrived: says what came in. */
    void changed(InventoryUpdate update, MapClient.EntityView picked) {
        if (update.refused != null || update.full) {
            return;
        }
        if (picked != null) {
            refusedPickUps.remove(picked.id());
            log.line("picked up " + name(picked.typeId()) + (picked.level() > 1 ? " x" + picked.level() : ""));
        }
    }

    /**
     * Once a second: wears the best it may of each slot, and drinks when below 40 % health. Returns the hp
     * the bot believes it has after that.
     */
    int tend(MapClient map, int level, int hp, int maxHp) {
        long now = System.currentTimeMillis();
        if (now - lastGearCheck < 1000) {
            return hp;
        }
        lastGearCheck = now;
        Map<Integer, InventoryUpdate.Entry> inventory = map.inventory();
        for (InventoryUpdate.Entry entry : List.copyOf(inventory.values())) {
            ItemType type = types.get(entry.typeId());
            if (entry.slot() >= InventoryUpdate.EQUIPMENT_FIRST || type == null || !type.wearable() || type.level() > level) {
                continue;
            }
            InventoryUpdate.Entry worn = inventory.get(InventoryUpdate.EQUIPMENT_FIRST + wornIndex(type.slot()));
            ItemType wearing = worn == null ? null : types.get(worn.typeId());
            if (wearing == null || score(type) > score(wearing)) {
                map.equip(entry.slot());
                log.line("equipped " + type.name() + " (attack +" + type.attack() + ", defense +" + type.defense() + ")");
                return hp; // one change a check: the next sees the new inventory
            }
        }
        if (maxHp > 0 && hp * 10 < maxHp * 4) {
            for (InventoryUpdate.Entry entry : List.copyOf(inventory.values())) {
                ItemType type = types.get(entry.typeId());
                if (entry.slot() < InventoryUpdate.EQUIPMENT_FIRST && type != null && type.heal() > 0 && type.level() <= level) {
                    map.useItem(entry.slot());
                    log.line("drank " + type.name() + " at " + hp + "/" + maxHp + " hp");
                    return Math.min(maxHp, hp + type.heal());
                }
            }
        }
        return hp;
    }

    private static int score(ItemType type) {
        return type.attack() + type.defense();
    }

    private static int wornIndex(String slot) {
        return switch (slot) {
            case "weapon" -> 0;
            case "head" -> 1;
            case "body" -> 2;
            default -> 3;
        };
    }
}
