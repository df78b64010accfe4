package com.mmorpg.mapserver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.common.internal.Items;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.Progress;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import com.mmorpg.content.ItemType.Kind;
import com.mmorpg.content.ItemType.Slot;
import com.mmorpg.content.LootEntry;
import com.mmorpg.content.MobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Loot, the ground and what players do with their inventories, tick by tick, with the ledger each change writes. */
class ItemSystemTest {

    static final ItemType POTION = new ItemType("potion", 1, "Potion", Kind.CONSUMABLE, null, 5, 1, 0, 0, 50, 20);
    static final ItemType GEL = new ItemType("gel", 10, "Gel", Kind.MATERIAL, null, 10, 1, 0, 0, 0, 0);
    static final ItemType SWORD = new ItemType("sword", 100, "Sword", Kind.WEAPON, Slot.WEAPON, 1, 1, 5, 0, 0, 0);
    static final ItemType BLADE = new ItemType("blade", 101, "Blade", Kind.WEAPON, Slot.WEAPON, 1, 5, 12, 0, 0, 0);
    static final ItemType HELM = new ItemType("helm", 200, "Helm", Kind.ARMOR, Slot.HEAD, 1, 1, 0, 3, 0, 0);
    static final ItemCatalog CATALOG = new ItemCatalog(List.of(POTION, GEL, SWORD, BLADE, HELM),
            Map.of("slime", List.of(new LootEntry("gel", 1, 3, 3), new LootEntry("sword", 1, 1, 1)),
                    "wolf", List.of(new LootEntry("gel", 0.5, 1, 4), new LootEntry("potion", 0.5, 1, 2))));
    static final MobType SLIME = new MobType("slime", 1, "Slime", 5, 1, 0, 50, 0, 36, 30, 100, 5, 200, false);
    static final MobType WOLF = new MobType("wolf", 2, "Wolf", 5, 1, 0, 50, 0, 36, 30, 100, 5, 200, false);

    private final AtomicLong nextId = new AtomicLong(5000);
    private boolean idsRunDry;
    private final WorldFixture fixture = new WorldFixture(GameMap.open(1, 40, 30, WorldFixture.TILE),
            WorldSettings.of(20, 1, 50, 320, 7), CATALOG, () -> idsRunDry ? 0 : nextId.getAndIncrement());

    @Test
    void aKillDropsItsLootAroundTheCorpseSeenByThePlayerAndReservedForTheKiller() {
        RecordingLink killer = fixture.join(300, 300);
        RecordingLink other = fixture.join(310, 300);

        List<GroundItem> drops = kill(killer, SLIME, 330, 300);

        assertThat(drops).extracting(item -> item.type.key(), item -> item.quantity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("gel", 3), org.assertj.core.groups.Tuple.tuple("sword", 1));
        assertThat(drops).allSatisfy(item -> assertThat(item.distanceTo(fixture.world.entity(item.id) /* itself */)).isZero());
        fixture.ticks(2);
        assertThat(killer.received(EntityEntered.class)).filteredOn(e -> e.kind == EntityEntered.KIND_ITEM)
                .extracting(e -> e.typeId, e -> e.level).contains(org.assertj.core.groups.Tuple.tuple(10, 3));

        act(other, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(other).refused).isEqualTo("item_reserved");
        fixture.ticks(ItemSystem.RESERVED_SECONDS * 20);
        act(other, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(other).refused).isNull();
        assertThat(fixture.world.entity(drops.getFirst().id)).as("taken off the ground").isNull();
    }

    @Test
    void lootIsReservedForTheKillersPartyAsTheWorldLastHeardItFromRedis() {
        RecordingLink killer = fixture.join(300, 300);
        RecordingLink friend = fixture.join(310, 300);
        RecordingLink stranger = fixture.join(320, 300);
        String party = "17";
        fixture.world.submit(new Command.Parties(Map.of(fixture.player(killer).characterId, party,
                fixture.player(friend).characterId, party, fixture.player(stranger).characterId, "18")));
        fixture.ticks(1);

        List<GroundItem> drops = kill(killer, SLIME, 330, 300);
        fixture.ticks(1);

        act(stranger, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(stranger).refused).as("another party").isEqualTo("item_reserved");
        act(friend, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(friend).refused).as("the killer's party").isNull();
        assertThat(fixture.world.entity(drops.getFirst().id)).isNull();

        // Out of the party (the next lookup no longer has the friend in it): the next loot is not theirs.
        fixture.world.submit(new Command.Parties(Map.of(fixture.player(killer).characterId, party)));
        fixture.ticks(1);
        act(friend, ItemAction.PICK_UP, drops.get(1).id, 0, 0);
        assertThat(lastUpdate(friend).refused).isEqualTo("item_reserved");
    }

    @Test
    void anInventoryIsSentOnlyToAClientThatAsksForIt() {
        RecordingLink link = fixture.join(300, 300);
        give(fixture.player(link), 2, new Item(9, GEL, 5));
        fixture.ticks(2);
        assertThat(link.received(InventoryUpdate.class)).as("a client built before items is never sent one").isEmpty();

        act(link, ItemAction.LIST, 0, 0, 0);

        assertThat(lastUpdate(link).full).isTrue();
        assertThat(lastUpdate(link).entries).containsExactly(new InventoryUpdate.Entry(2, 9, 10, 5));
    }

    @Test
    void theSameSeedAndTheSameKillsDropTheSameLoot() {
        List<String> first = lootOfTenWolves(new WorldFixture(GameMap.open(1, 40, 30, WorldFixture.TILE),
                WorldSettings.of(20, 1, 50, 320, 99), CATALOG, ItemIds.NONE));
        List<String> second = lootOfTenWolves(new WorldFixture(GameMap.open(1, 40, 30, WorldFixture.TILE),
                WorldSettings.of(20, 1, 50, 320, 99), CATALOG, ItemIds.NONE));

        assertThat(first).isEqualTo(second).isNotEmpty();
        assertThat(first).as("chance 0.5 per line: not everything drops").hasSizeLessThan(20);
    }

    @Test
    void pickingUpFillsStacksFirstThenAFreeSlotWithANewIdAndWritesLootEvents() {
        RecordingLink link = fixture.join(300, 300);
        Player player = fixture.player(link);
        give(player, 0, new Item(1, GEL, 8));

        GroundItem gel = kill(link, SLIME, 330, 300).stream().filter(item -> item.type == GEL).findFirst().orElseThrow();
        act(link, ItemAction.PICK_UP, gel.id, 0, 0);

        assertThat(player.inventory.at(0).quantity).isEqualTo(10);
        assertThat(player.inventory.at(1).quantity).isEqualTo(1);
        assertThat(player.inventory.at(1).id).isEqualTo(5000);
        assertThat(lastUpdate(link).entries).containsExactly(new InventoryUpdate.Entry(0, 1, 10, 10),
                new InventoryUpdate.Entry(1, 5000, 10, 1));
        CharacterState state = player.handOver(1);
        assertThat(state.events()).containsExactly(new ItemEvent(1, 1, 10, 2, null, player.characterId, Items.LOOT),
                new ItemEvent(2, 5000, 10, 1, null, player.characterId, Items.LOOT));
        assertThat(state.items()).containsExactlyInAnyOrder(new SavedItem(1, 10, 10, 0), new SavedItem(5000, 10, 1, 1));
        assertThat(player.handOver(1).events()).as("handed over once").isEmpty();
        assertThat(player.handOver(1).items()).isNull();
    }

    @Test
    void twoPlayersPickingUpOneDropInTheSameTickGetItOnce() {
        RecordingLink killer = fixture.join(300, 300);
        RecordingLink other = fixture.join(300, 310);
        GroundItem sword = kill(killer, SLIME, 330, 300).stream().filter(item -> item.type == SWORD).findFirst().orElseThrow();
        fixture.ticks(ItemSystem.RESERVED_SECONDS * 20);

        fixture.world.submit(new Command.Input(other, new ItemAction(ItemAction.PICK_UP, sword.id, 0, 0)));
        fixture.world.submit(new Command.Input(killer, new ItemAction(ItemAction.PICK_UP, sword.id, 0, 0)));
        fixture.world.tick();

        assertThat(lastUpdate(other).refused).isNull();
        assertThat(lastUpdate(killer).refused).isEqualTo("item_gone");
        assertThat(fixture.player(other).handOver(1).events()).hasSize(1);
        assertThat(fixture.player(killer).handOver(1).events()).isEmpty();
    }

    @Test
    void aFullBagOrAFarItemIsRefusedAndNothingChanges() {
        RecordingLink link = fixture.join(300, 300);
        Player player = fixture.player(link);
        for (int slot = 0; slot < Inventory.BAG_SLOTS; slot++) {
            give(player, slot, new Item(slot + 1, POTION, 5));
        }
        List<GroundItem> drops = kill(link, SLIME, 330, 300);

        act(link, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(link).refused).isEqualTo("inventory_full");
        fixture.place(player, 300 + ItemSystem.PICKUP_RANGE + 80, 300);
        act(link, ItemAction.PICK_UP, drops.getFirst().id, 0, 0);
        assertThat(lastUpdate(link).refused).isEqualTo("out_of_range");
        assertThat(player.handOver(1).events()).isEmpty();
    }

    @Test
    void splitMergeSwapAndDestroyKeepTheUnitsAndSayWhereTheyWent() {
        RecordingLink link = fixture.join(300, 300);
        Player player = fixture.player(link);
        give(player, 0, new Item(1, GEL, 9));
        give(player, 1, new Item(2, SWORD, 1));

        act(link, ItemAction.SPLIT, 0, 5, 4);
        act(link, ItemAction.MOVE, 5, 0, 0); // 4 back onto the 5 left: one stack of 9 again
        act(link, ItemAction.MOVE, 0, 1, 0); // gel and sword swap
        act(link, ItemAction.DESTROY, 0, 0, 0); // the sword, now in slot 0

        assertThat(player.inventory.at(0)).isNull();
        assertThat(player.inventory.at(1).quantity).isEqualTo(9);
        assertThat(player.inventory.at(5)).isNull();
        String me = player.characterId;
        assertThat(player.handOver(1).events()).containsExactly(
                new ItemEvent(1, 1, 10, 4, me, null, Items.SPLIT), new ItemEvent(2, 5000, 10, 4, null, me, Items.SPLIT),
                new ItemEvent(3, 5000, 10, 4, me, null, Items.MERGE), new ItemEvent(4, 1, 10, 4, null, me, Items.MERGE),
                new ItemEvent(5, 2, 100, 1, me, null, Items.DESTROY));

        idsRunDry = true;
        act(link, ItemAction.SPLIT, 1, 2, 1);
        assertThat(lastUpdate(link).refused).isEqualTo("try_again");
        act(link, ItemAction.SPLIT, 1, 2, 9);
        assertThat(lastUpdate(link).refused).isEqualTo("bad_quantity");
    }

    @Test
    void aPotionHealsOnceAPerCooldownAndNotAtFullHealth() {
        RecordingLink link = fixture.join(300, 300);
        Player player = fixture.player(link);
        give(player, 3, new Item(7, POTION, 2));

        act(link, ItemAction.USE, 3, 0, 0);
        assertThat(lastUpdate(link).refused).isEqualTo("hp_full");
        player.setHp(40, fixture.world.currentTick());
        act(link, ItemAction.USE, 3, 0, 0);
        assertThat(player.hp).isEqualTo(90);
        act(link, ItemAction.USE, 3, 0, 0);
        assertThat(lastUpdate(link).refused).isEqualTo("cooldown");
        fixture.ticks(POTION.cooldownTicks());
        int before = player.hp; // out of combat, it regenerates meanwhile
        act(link, ItemAction.USE, 3, 0, 0);
        assertThat(player.hp).isEqualTo(Math.min(player.maxHp, before + 50));
        assertThat(player.inventory.at(3)).as("the last one used").isNull();
        assertThat(lastUpdate(link).entries).containsExactly(new InventoryUpdate.Entry(3, 0, 0, 0));
        assertThat(player.handOver(1).events()).extracting(ItemEvent::reason, ItemEvent::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Items.USE, 1), org.assertj.core.groups.Tuple.tuple(Items.USE, 1));
    }

    @Test
    void wearingAWeaponAddsItsAttackAndTheClientIsTold() {
        RecordingLink link = fixture.join(300, 300);
        Player player = fixture.player(link);
        int attack = player.attack;
        give(player, 0, new Item(1, SWORD, 1));
        give(player, 1, new Item(2, BLADE, 1));
        give(player, 2, new Item(3, HELM, 1));

        act(link, ItemAction.EQUIP, 0, 0, 0);
        assertThat(player.attack).isEqualTo(attack + 5);
        assertThat(link.received(Progress.class).getLast().attack).isEqualTo(attack + 5);
        assertThat(player.inventory.at(Inventory.WORN_FIRST).id).isEqualTo(1);
        act(link, ItemAction.EQUIP, 1, 0, 0);
        assertThat(lastUpdate(link).refused).as("the blade needs level 5").isEqualTo("level_too_low");
        act(link, ItemAction.EQUIP, 2, 0, 0);
        assertThat(player.defense).isEqualTo(8 + 3);
        act(link, ItemAction.UNEQUIP, Inventory.WORN_FIRST, -1, 0);
        assertThat(player.attack).isEqualTo(attack);
        assertThat(player.inventory.at(0).id).as("back into the first free slot").isEqualTo(1);

        player.levelTo(5, fixture.world.currentTick());
        act(link, ItemAction.EQUIP, 1, 0, 0);
        assertThat(player.attack).isEqualTo(attack + 4 * 3 + 12); // the class's growth, then the blade
        assertThat(player.handOver(1).events()).as("wearing changes no owner").isEmpty();
    }

    @Test
    void aDroppedStackLiesDownOnlyOnceItsSaveIsStoredAndComesBackWithItsId() {
        RecordingLink link = fixture.join(300, 300);
        RecordingLink other = fixture.join(300, 320);
        Player player = fixture.player(link);
        give(player, 4, new Item(77, GEL, 6));
        List<CompletableFuture<Void>> held = new ArrayList<>();
        fixture.saveAnswers = state -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        };

        act(link, ItemAction.DROP, 4, 0, 0);
        CharacterState dropSave = fixture.saved.getLast();
        assertThat(dropSave.events()).containsExactly(new ItemEvent(1, 77, 10, 6, player.characterId, null, Items.DROP));
        assertThat(dropSave.items()).isEmpty();
        fixture.ticks(3);
        assertThat(fixture.world.groundItemCount()).as("not on the ground before the save is stored").isZero();

        held.getLast().complete(null);
        fixture.ticks(2);
        assertThat(fixture.world.groundItemCount()).isEqualTo(1);
        GroundItem dropped = groundItems().getFirst();
        assertThat(dropped.itemId).isEqualTo(77);
        act(other, ItemAction.PICK_UP, dropped.id, 0, 0);
        Player taker = fixture.player(other);
        assertThat(taker.inventory.at(0).id).isEqualTo(77);
        assertThat(taker.handOver(1).events()).containsExactly(new ItemEvent(1, 77, 10, 6, null, taker.characterId, Items.PICKUP));
    }

    @Test
    void aDropWhoseSaveIsRefusedNeverLiesOnTheGround() {
        RecordingLink link = fixture.join(300, 300);
        give(fixture.player(link), 4, new Item(77, GEL, 6));
        fixture.saveAnswers = state -> CompletableFuture.failedFuture(new IllegalStateException("refused: LEASE_LOST"));

        act(link, ItemAction.DROP, 4, 0, 0);
        fixture.ticks(3);

        assertThat(fixture.world.groundItemCount()).isZero();
    }

    @Test
    void groundItemsAreGoneAfterTheirTime() {
        RecordingLink link = fixture.join(300, 300);
        kill(link, SLIME, 330, 300);
        assertThat(fixture.world.groundItemCount()).isEqualTo(2);

        fixture.ticks(ItemSystem.GROUND_SECONDS * 20 + 20);

        assertThat(fixture.world.groundItemCount()).isZero();
    }

    @Test
    void aMergedSaveKeepsTheNewestItemsAndEveryEventOnce() {
        CharacterState older = new CharacterState("9", 1, 1, 0, 0, 10, 0, 1, 0, 3, false, List.of(new SavedItem(1, 10, 2, 0)),
                List.of(new ItemEvent(1, 1, 10, 2, null, "9", Items.LOOT)));
        CharacterState newer = new CharacterState("9", 1, 1, 5, 5, 10, 0, 1, 0, 3, false);

        CharacterState merged = newer.after(older);

        assertThat(merged.x()).isEqualTo(5);
        assertThat(merged.items()).isEqualTo(older.items());
        assertThat(merged.events()).isEqualTo(older.events());
        assertThat(merged.withoutEventsUpTo(1).events()).isEmpty();
        assertThat(merged.released().events()).isEqualTo(older.events());
    }

    private List<String> lootOfTenWolves(WorldFixture world) {
        RecordingLink link = world.join(300, 300);
        for (int i = 0; i < 10; i++) {
            Mob wolf = world.world.spawnMob(1, WOLF, 330, 300);
            world.world.submit(new Command.Input(link, new AttackRequest(wolf.id)));
            world.ticks(40);
        }
        List<String> loot = new ArrayList<>();
        for (Entity entity : world.world.channel(1).entities) {
            if (entity instanceof GroundItem item) {
                loot.add(item.type.key() + "x" + item.quantity + "@" + item.x + "," + item.y);
            }
        }
        return loot;
    }

    /** Kills a fresh mob of {@code type} at (x, y) with one blow of the player's; the loot it left. */
    private List<GroundItem> kill(RecordingLink link, MobType type, float x, float y) {
        Mob mob = fixture.world.spawnMob(1, type, x, y);
        fixture.world.submit(new Command.Input(link, new AttackRequest(mob.id)));
        fixture.ticks(2);
        assertThat(mob.isAlive()).isFalse();
        return groundItems();
    }

    private List<GroundItem> groundItems() {
        List<GroundItem> items = new ArrayList<>();
        for (Entity entity : fixture.world.channel(1).entities) {
            if (entity instanceof GroundItem item) {
                items.add(item);
            }
        }
        return items;
    }

    private void act(RecordingLink link, byte action, int source, int target, int quantity) {
        fixture.world.submit(new Command.Input(link, new ItemAction(action, source, target, quantity)));
        fixture.world.tick();
    }

    private static InventoryUpdate lastUpdate(RecordingLink link) {
        return link.received(InventoryUpdate.class).getLast();
    }

    private static void give(Player player, int slot, Item item) {
        player.inventory.put(slot, item);
    }
}
