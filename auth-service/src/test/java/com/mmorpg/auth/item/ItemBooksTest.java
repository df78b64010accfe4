package com.mmorpg.auth.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.testsupport.items.ItemAudit;
import tools.jackson.databind.JsonNode;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The item books through the map servers' own contract: items are written with the state, under the
 * lease, only when they follow from what is stored and the events; every event is applied once; nothing
 * is owned twice; and the audit (ledger replay = tables, created = alive + destroyed) holds after each step.
 */
@TestPropertySource(properties = {"ADMIN_USERNAME=chief", "ADMIN_PASSWORD=chief-password-123"}) // StaffApiTest's context
class ItemBooksTest extends AuthIntegrationTest {

    private static final int POTION = 1;
    private static final int GEL = 10;
    private static final int SWORD = 100;

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcClient jdbc;
    private InternalClient auth;

    /** A character in the world on this test's "map server": its id, lease and stored version. */
    private final class Stay {

        final String id;
        final long lease;
        long version;
        long seq;

        Stay() {
            id = createCharacter(register().text("access_token"), uniqueName("I", 12), 1).text("id");
            Leases.Grant grant = ok(auth.send("POST", Leases.leasePath(id),
                    new Leases.Request("map-server-items", 1, UUID.randomUUID().toString(), null))).as(Leases.Grant.class);
            assertThat(grant.inventory()).isEqualTo(Items.Held.NONE);
            lease = grant.leaseId();
            version = grant.character().version();
        }

        Items.Event event(long itemId, int type, int quantity, String from, String to, String reason) {
            return new Items.Event(++seq, itemId, type, quantity, from, to, reason);
        }

        InternalClient.Reply save(List<Items.Stored> items, List<Items.Event> events) {
            InternalClient.Reply reply = auth.send("PUT", CharacterStates.statePath(id), new CharacterStates.Update(1,
                    new CharacterRecord.Position(400, 304), 100, 10, 1, 0, version, lease, false, items, events));
            if (reply.status() == 200) {
                version = reply.as(CharacterStates.Saved.class).version();
            }
            return reply;
        }

        Items.Held held() {
            Leases.Grant again = ok(auth.send("POST", Leases.leasePath(id),
                    new Leases.Request("map-server-items", 1, UUID.randomUUID().toString(), null))).as(Leases.Grant.class);
            assertThat(again.resumed()).isTrue();
            return again.inventory();
        }
    }

    @BeforeEach
    void client() {
        auth = new InternalClient("auth-service", "http://127.0.0.1:" + port, AuthHttp.INTERNAL_KEY, Duration.ofSeconds(10),
                InternalClient.httpClient(Duration.ofSeconds(10), Executors.newCachedThreadPool(), null));
    }

    @Test
    void idBlocksNeverOverlap() {
        Items.Block first = ok(auth.send("POST", Items.ID_BLOCK_PATH, new Items.BlockRequest("map-server-items"))).as(Items.Block.class);
        Items.Block second = ok(auth.send("POST", Items.ID_BLOCK_PATH, new Items.BlockRequest("map-server-items"))).as(Items.Block.class);

        assertThat(first.count()).isEqualTo(1000);
        assertThat(second.first()).isGreaterThanOrEqualTo(first.first() + first.count());
    }

    @Test
    void lootSplitMergeUseAndEquipAreStoredOnceEachAndTheBooksBalance() throws Exception {
        Stay stay = new Stay();
        long base = block();
        Items.Event loot = stay.event(base, POTION, 5, null, stay.id, Items.LOOT);
        Items.Event sword = stay.event(base + 1, SWORD, 1, null, stay.id, Items.LOOT);
        List<Items.Stored> looted = List.of(new Items.Stored(base, POTION, 5, 0), new Items.Stored(base + 1, SWORD, 1, 100));
        ok(stay.save(looted, List.of(loot, sword)));

        // The same events again (a write whose answer was lost, sent on top of the next state): applied once.
        Items.Event split = stay.event(base, POTION, 2, stay.id, null, Items.SPLIT);
        Items.Event splitNew = stay.event(base + 2, POTION, 2, null, stay.id, Items.SPLIT);
        Items.Event used = stay.event(base + 2, POTION, 1, stay.id, null, Items.USE);
        List<Items.Stored> after = List.of(new Items.Stored(base, POTION, 3, 0), new Items.Stored(base + 2, POTION, 1, 1),
                new Items.Stored(base + 1, SWORD, 1, 5));
        ok(stay.save(after, List.of(loot, sword, split, splitNew, used)));

        assertThat(stay.held().items()).containsExactlyInAnyOrderElementsOf(after);
        assertThat(stay.held().seq()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM item_ledger WHERE to_character = ? OR from_character = ?")
                .params(Long.parseLong(stay.id), Long.parseLong(stay.id)).query(Long.class).single()).isEqualTo(5);
        assertBalanced();
    }

    @Test
    void itemsThatDoNotFollowFromTheEventsAreRefusedWithTheWholeState() throws Exception {
        Stay stay = new Stay();
        long base = block();
        ok(stay.save(List.of(new Items.Stored(base, GEL, 3, 0)), List.of(stay.event(base, GEL, 3, null, stay.id, Items.LOOT))));
        long version = stay.version;

        // A fourth gel out of nowhere, a sword nobody looted, a potion in the weapon slot, more than a stack.
        assertRefused(stay.save(List.of(new Items.Stored(base, GEL, 4, 0)), List.of()));
        assertRefused(stay.save(List.of(new Items.Stored(base, GEL, 3, 0), new Items.Stored(base + 1, SWORD, 1, 1)), List.of()));
        stay.seq = 1;
        assertRefused(stay.save(List.of(new Items.Stored(base, GEL, 3, 0), new Items.Stored(base + 1, POTION, 1, 100)),
                List.of(stay.event(base + 1, POTION, 1, null, stay.id, Items.LOOT))));
        stay.seq = 1;
        assertRefused(stay.save(List.of(new Items.Stored(base, GEL, 3, 0), new Items.Stored(base + 1, POTION, 21, 1)),
                List.of(stay.event(base + 1, POTION, 21, null, stay.id, Items.LOOT))));
        // An item given to another character is a trade's, never a single write's.
        stay.seq = 1;
        assertRefused(stay.save(List.of(), List.of(stay.event(base, GEL, 3, stay.id, "1", Items.TRADE))));

        assertThat(stay.version).as("nothing stored").isEqualTo(version);
        assertThat(stay.held().items()).containsExactly(new Items.Stored(base, GEL, 3, 0));
        assertBalanced();
    }

    @Test
    void anItemCannotBeCreatedForASecondOwner() throws Exception {
        Stay first = new Stay();
        Stay second = new Stay();
        long base = block();
        ok(first.save(List.of(new Items.Stored(base, SWORD, 1, 0)), List.of(first.event(base, SWORD, 1, null, first.id, Items.LOOT))));

        InternalClient.Reply twice = second.save(List.of(new Items.Stored(base, SWORD, 1, 0)),
                List.of(second.event(base, SWORD, 1, null, second.id, Items.PICKUP)));

        assertRefused(twice);
        assertThat(twice.body().toString()).contains("belong to another character");
        assertThat(second.held().items()).isEmpty();
        assertThat(first.held().items()).containsExactly(new Items.Stored(base, SWORD, 1, 0));
        assertBalanced();
    }

    @Test
    void aDeletedCharactersItemsLeaveTheBooksInTheLedger() throws Exception {
        String token = register().text("access_token");
        String id = createCharacter(token, uniqueName("D", 12), 1).text("id");
        Leases.Grant grant = ok(auth.send("POST", Leases.leasePath(id),
                new Leases.Request("map-server-items", 1, UUID.randomUUID().toString(), null))).as(Leases.Grant.class);
        long base = block();
        ok(auth.send("PUT", CharacterStates.statePath(id), new CharacterStates.Update(1, new CharacterRecord.Position(400, 304),
                100, 10, 1, 0, grant.character().version(), grant.leaseId(), true, List.of(new Items.Stored(base, GEL, 7, 3)),
                List.of(new Items.Event(1, base, GEL, 7, null, id, Items.LOOT)))));

        assertThat(http.delete("/characters/" + id, token).status()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT reason FROM item_ledger WHERE item_id = ? ORDER BY id").param(base).query(String.class).list())
                .containsExactly(Items.LOOT, Items.DELETED);
        assertBalanced();
    }

    @Test
    void aTradeWritesBothCharactersInOneTransactionEachMoveOnceAndASecondSendingChangesNothing() throws Exception {
        Stay seller = new Stay();
        Stay buyer = new Stay();
        long base = block();
        ok(seller.save(List.of(new Items.Stored(base, SWORD, 1, 0)), List.of(seller.event(base, SWORD, 1, null, seller.id, Items.LOOT))));
        ok(buyer.save(List.of(new Items.Stored(base + 1, GEL, 5, 2)), List.of(buyer.event(base + 1, GEL, 5, null, buyer.id, Items.LOOT))));

        Items.Event swordOut = seller.event(base, SWORD, 1, seller.id, buyer.id, Items.TRADE);
        Items.Event gelIn = seller.event(base + 1, GEL, 5, buyer.id, seller.id, Items.TRADE);
        Items.Event swordIn = buyer.event(base, SWORD, 1, seller.id, buyer.id, Items.TRADE);
        Items.Event gelOut = buyer.event(base + 1, GEL, 5, buyer.id, seller.id, Items.TRADE);
        CharacterStates.Trade trade = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(seller.id, update(seller, List.of(new Items.Stored(base + 1, GEL, 5, 0)), List.of(swordOut, gelIn))),
                new CharacterStates.Side(buyer.id, update(buyer, List.of(new Items.Stored(base, SWORD, 1, 100)), List.of(swordIn, gelOut)))));
        CharacterStates.TradeSaved saved = ok(auth.send("PUT", CharacterStates.TRADE_PATH, trade)).as(CharacterStates.TradeSaved.class);

        assertThat(saved.saved()).extracting(CharacterStates.Saved::version).containsExactly(seller.version + 1, buyer.version + 1);
        seller.version++;
        buyer.version++;
        assertThat(seller.held().items()).containsExactly(new Items.Stored(base + 1, GEL, 5, 0));
        assertThat(buyer.held().items()).containsExactly(new Items.Stored(base, SWORD, 1, 100));
        assertThat(jdbc.sql("SELECT count(*) FROM item_ledger WHERE reason = 'trade' AND item_id IN (?, ?)").params(base, base + 1)
                .query(Long.class).single()).as("one row per move").isEqualTo(2);
        assertBalanced();

        // The same trade sent again on top (its answer was lost): the events are applied once, nothing changes.
        CharacterStates.Trade again = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(seller.id, update(seller, List.of(new Items.Stored(base + 1, GEL, 5, 0)), List.of(swordOut, gelIn))),
                new CharacterStates.Side(buyer.id, update(buyer, List.of(new Items.Stored(base, SWORD, 1, 100)), List.of(swordIn, gelOut)))));
        ok(auth.send("PUT", CharacterStates.TRADE_PATH, again));
        assertThat(jdbc.sql("SELECT count(*) FROM item_ledger WHERE reason = 'trade' AND item_id IN (?, ?)").params(base, base + 1)
                .query(Long.class).single()).isEqualTo(2);
        assertBalanced();
    }

    @Test
    void aTradeWhoseSidesDisagreeOrWhoseOtherLeaseIsLostStoresNeitherSide() throws Exception {
        Stay seller = new Stay();
        Stay buyer = new Stay();
        long base = block();
        ok(seller.save(List.of(new Items.Stored(base, SWORD, 1, 0)), List.of(seller.event(base, SWORD, 1, null, seller.id, Items.LOOT))));
        long sellerVersion = seller.version;

        // The buyer's side says it got a sword nobody gave.
        CharacterStates.Trade lying = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(seller.id, update(seller, List.of(new Items.Stored(base, SWORD, 1, 0)), List.of())),
                new CharacterStates.Side(buyer.id, update(buyer, List.of(new Items.Stored(base, SWORD, 1, 0)),
                        List.of(buyer.event(base, SWORD, 1, seller.id, buyer.id, Items.TRADE))))));
        assertRefused(auth.send("PUT", CharacterStates.TRADE_PATH, lying));

        // A lease that is not this server's (another took it): 409 for the whole trade.
        seller.seq = 1;
        buyer.seq = 0;
        CharacterStates.Trade wrongLease = new CharacterStates.Trade(List.of(
                new CharacterStates.Side(seller.id, update(seller, List.of(), List.of(seller.event(base, SWORD, 1, seller.id, buyer.id, Items.TRADE)))),
                new CharacterStates.Side(buyer.id, new CharacterStates.Update(1, new CharacterRecord.Position(400, 304), 100, 10, 1, 0,
                        buyer.version, buyer.lease + 999, false, List.of(new Items.Stored(base, SWORD, 1, 0)),
                        List.of(buyer.event(base, SWORD, 1, seller.id, buyer.id, Items.TRADE))))));
        InternalClient.Reply lost = auth.send("PUT", CharacterStates.TRADE_PATH, wrongLease);
        assertThat(lost.status()).isEqualTo(409);
        assertThat(lost.code()).isEqualTo("LEASE_LOST");

        assertThat(seller.held().items()).containsExactly(new Items.Stored(base, SWORD, 1, 0));
        assertThat(buyer.held().items()).isEmpty();
        assertThat(jdbc.sql("SELECT version FROM characters WHERE id = ?").param(Long.parseLong(seller.id)).query(Long.class).single())
                .isEqualTo(sellerVersion);
        assertBalanced();
    }

    @Test
    void staffSeeACharactersItemsAndLedgerAndGrantAndRemoveOnlyWhileItIsNotInTheWorld() throws Exception {
        String admin = http.post("/auth/login", "{\"username\":\"chief\",\"password\":\"chief-password-123\"}").text("access_token");
        Stay stay = new Stay();
        long base = block();
        ok(stay.save(List.of(new Items.Stored(base, GEL, 3, 0)), List.of(stay.event(base, GEL, 3, null, stay.id, Items.LOOT))));

        AuthHttp.Response inWorld = http.post("/admin/characters/" + stay.id + "/items", "{\"type_id\": 1, \"quantity\": 5}", admin);
        assertProblem(inWorld, 409, "CHARACTER_IN_WORLD");
        assertThat(inWorld.json().get("server_id").asString()).isEqualTo("map-server-items");
        ok(auth.send("PUT", CharacterStates.statePath(stay.id), new CharacterStates.Update(1, new CharacterRecord.Position(400, 304),
                100, 10, 1, 0, stay.version, stay.lease, true))); // the player leaves: the lease is released

        AuthHttp.Response granted = http.post("/admin/characters/" + stay.id + "/items", "{\"type_id\": 1, \"quantity\": 5}", admin);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("slot").asInt()).as("the first free bag slot").isEqualTo(1);
        long potion = granted.json().get("id").asLong();
        assertProblem(http.post("/admin/characters/" + stay.id + "/items", "{\"type_id\": 1, \"quantity\": 21}", admin), 422, "ITEMS_REFUSED");
        assertThat(http.delete("/admin/characters/" + stay.id + "/items/" + base, admin).status()).isEqualTo(200);
        assertProblem(http.delete("/admin/characters/" + stay.id + "/items/" + base, admin), 404, "ITEM_NOT_FOUND");

        JsonNode seen = http.get("/admin/characters/" + stay.id + "/items", admin).json();
        assertThat(seen.path("server_id").asString(null)).as("not in the world").isNull();
        assertThat(seen.get("items")).hasSize(1);
        assertThat(seen.get("items").get(0).get("id").asLong()).isEqualTo(potion);
        assertThat(seen.get("items").get(0).get("name").asString()).isEqualTo("Health Potion");
        assertThat(seen.get("ledger")).extracting(line -> line.get("reason").asString()).containsExactly("remove", "grant", "loot");
        assertThat(seen.get("ledger").get(1).get("server_id").asString()).isEqualTo("staff:chief");
        assertThat(jdbc.sql("SELECT count(*) FROM staff_audit WHERE action IN ('item_grant', 'item_remove') AND target = ?")
                .param("character:" + stay.id).query(Long.class).single()).isEqualTo(2);
        assertBalanced();
    }

    private static CharacterStates.Update update(Stay stay, List<Items.Stored> items, List<Items.Event> events) {
        return new CharacterStates.Update(1, new CharacterRecord.Position(400, 304), 100, 10, 1, 0, stay.version, stay.lease, false,
                items, events);
    }

    private long block() {
        return ok(auth.send("POST", Items.ID_BLOCK_PATH, new Items.BlockRequest("map-server-items"))).as(Items.Block.class).first();
    }

    private void assertBalanced() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            ItemAudit.Result audit = ItemAudit.run(connection);
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.created()).isEqualTo(audit.destroyed() + audit.aliveUnits());
        }
    }

    private static void assertRefused(InternalClient.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("ITEMS_REFUSED");
    }

    private static InternalClient.Reply ok(InternalClient.Reply reply) {
        assertThat(reply.status()).as("%s: %s", reply.path(), reply.body()).isEqualTo(200);
        return reply;
    }
}
