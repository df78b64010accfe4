package com.mmorpg.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.bot.PlayBot;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.Progress;
import com.mmorpg.protocol.TradeUpdate;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ContentFolders;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.items.ItemAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items on real processes: PostgreSQL, auth-service, map servers and the unmodified KryoNet client. A
 * player kills slimes next to the spawn point (the content gives map 1 a zone there and makes every
 * slime drop gel, a potion and a sword), picks the loot up, wears the sword and drops the gel; after
 * every step the books are audited from the database (ledger replay = tables, created = alive +
 * destroyed). A map server killed before its save loses the pickup and never creates it twice. Two players
 * trade: stored for both in one transaction, told {@code done} only after it; with auth-service stopped the
 * trade waits, and a map server killed while it waits leaves both sides as they were.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItemsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String TICKET_SECRET = "dev-only-ticket-secret-change-me-0123456789abcdef";
    private static final MapTicketCodec TICKETS = new MapTicketCodec(SigningKeys.of("TICKET_SECRET", TICKET_SECRET, null),
            Duration.ofSeconds(30), Clock.systemUTC());
    private static final int GEL = 10;
    private static final int POTION = 1;
    private static final int SWORD = 100;
    @TempDir
    static Path folder;
    private static BackendStack stack;
    private static int fastPort;
    private static int slowPort;
    private static ServiceProcess slow;
    private static ServiceProcess auth;
    private static int authPort;

    @BeforeAll
    static void startBackend() throws Exception {
        Path content = ContentFolders.copy(Path.of("../content"), folder.resolve("content"));
        Path map = content.resolve("maps/1.json");
        Files.writeString(map, Files.readString(map).replace("\"mob_zones\": [",
                "\"mob_zones\": [{\"mob\": \"slime\", \"count\": 4, \"area\": {\"x\": 14, \"y\": 10, \"w\": 3, \"h\": 3}}, "));
        Files.writeString(content.resolve("loot.json"), """
                {"loot": {"slime": [{"item": "slime_gel", "chance": 1, "min": 2, "max": 2},
                                    {"item": "health_potion", "chance": 1}, {"item": "rusty_sword", "chance": 1}]}}""");
        stack = BackendStack.start(Path.of(".."), "gateway-1", BackendStack.Options.defaults().withEnvironment(Map.of(
                "CONTENT_DIR", content.toString(), "LEASE_TTL", "6s", "LEASE_RENEW_INTERVAL", "2s", "SAVE_INTERVAL", "2s")));
        fastPort = ServiceProcess.freeTcpAndUdpPort();
        stack.startMapServer(1, fastPort, Map.of("SERVER_ID", "map-server-fast"));
        slowPort = ServiceProcess.freeTcpAndUdpPort();
        slow = stack.startMapServer(1, slowPort, Map.of("SERVER_ID", "map-server-slow", "SAVE_INTERVAL", "600s"));
        auth = stack.auth();
        authPort = java.net.URI.create(stack.authUrl()).getPort();
    }

    @AfterAll
    static void stopBackend() {
        if (stack != null) {
            stack.close();
        }
    }

    /** What a client was told about its progress. */
    private static final class Told implements MapListener {

        final List<Progress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<TradeUpdate> trades = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void trade(TradeUpdate update) {
            trades.add(update);
        }

        byte lastTradeState() {
            return trades.isEmpty() ? -1 : trades.getLast().state;
        }
        final AtomicInteger fullInventories = new AtomicInteger();
        final AtomicInteger inventoryUpdates = new AtomicInteger();

        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void inventory(InventoryUpdate update) {
            inventoryUpdates.incrementAndGet();
            if (update.full) {
                fullInventories.incrementAndGet();
            }
        }
    }

    private record Hero(String userId, String characterId) {
    }

    @Test
    void lootPickedUpWornAndDroppedIsStoredWithItsLedgerAndTheBooksBalance() throws Exception {
        Hero hero = newHero("loot_keeper");
        Told told = new Told();
        MapClient client = MapClient.connect("127.0.0.1", fastPort, ticket(hero, "map-server-fast"), TIMEOUT, told);
        await().atMost(TIMEOUT).until(() -> told.fullInventories.get() == 1);
        assertThat(client.inventory()).isEmpty();

        pickUpAll(client, huntOne(client));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(types(client)).containsExactlyInAnyOrder(GEL, POTION, SWORD));
        int swordSlot = slotOf(client, SWORD);
        int attack = client.welcome().attack;
        client.equip(swordSlot);
        await().atMost(TIMEOUT).until(() -> client.inventory().containsKey(InventoryUpdate.EQUIPMENT_FIRST));
        await().atMost(TIMEOUT).until(() -> !told.progress.isEmpty() && told.progress.getLast().attack == attack + 4);
        int gelSlot = slotOf(client, GEL);
        long gelId = client.inventory().get(gelSlot).itemId();
        client.dropItem(gelSlot);
        await().atMost(TIMEOUT).until(() -> client.entities().values().stream()
                .anyMatch(e -> e.kind() == EntityEntered.KIND_ITEM && e.typeId() == GEL && e.level() == 2));
        client.close();
        awaitReleased(hero);

        assertThat(stored(hero)).containsExactlyInAnyOrder("1x" + POTION + "@bag", "1x" + SWORD + "@100");
        assertThat(ledger(hero)).contains("loot " + GEL + "x2 in", "loot " + POTION + "x1 in", "loot " + SWORD + "x1 in",
                "drop " + GEL + "x2 out");
        assertThat(ledgerOf(gelId)).containsExactly("loot", "drop");
        assertBalanced();
    }

    @Test
    void aMapServerKilledBeforeItsSaveLosesThePickupAndTheItemIsNeverOwnedTwice() throws Exception {
        Hero hero = newHero("loot_crash");
        MapClient client = MapClient.connect("127.0.0.1", slowPort, ticket(hero, "map-server-slow"), TIMEOUT, new Told());
        pickUpAll(client, huntOne(client));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(types(client)).contains(SWORD));

        slow.kill(); // SIGKILL before its first periodic save: the pickups were never stored
        client.close();
        Told told = new Told();
        MapClient again = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> MapClient.connect("127.0.0.1", fastPort, ticket(hero, "map-server-fast"), TIMEOUT, told),
                        connected -> connected != null);
        await().atMost(TIMEOUT).until(() -> told.fullInventories.get() == 1);

        assertThat(again.inventory()).as("the last stored inventory: nothing was saved").isEmpty();
        assertThat(stored(hero)).isEmpty();
        assertThat(ledger(hero)).isEmpty();
        assertBalanced();
        again.close();
    }

    @Test
    void aTradeIsStoredForBothInOneTransactionAndTheTradersHearDoneAfterIt() throws Exception {
        try (Traders traders = Traders.on(fastPort, "map-server-fast", "trade_seller", "trade_buyer")) {
            traders.tradeSwordForPotion();
            traders.confirmBoth();
            await().atMost(TIMEOUT).until(() -> traders.told[0].lastTradeState() == TradeUpdate.DONE
                    && traders.told[1].lastTradeState() == TradeUpdate.DONE);
            assertThat(traders.told[0].trades).extracting(update -> update.state).containsSubsequence(TradeUpdate.ASKED,
                    TradeUpdate.OPEN, TradeUpdate.COMMITTING, TradeUpdate.DONE);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(types(traders.clients[1])).contains(SWORD));

            assertThat(stored(traders.heroes[0])).doesNotContain("1x" + SWORD + "@bag").contains("1x" + POTION + "@bag");
            assertThat(stored(traders.heroes[1])).contains("1x" + SWORD + "@bag");
            assertThat(ledger(traders.heroes[0])).contains("trade " + SWORD + "x1 out", "trade " + POTION + "x1 in");
            assertBalanced();
        }
    }

    @Test
    void aTradeWaitsWhileAuthServiceIsStoppedAndIsDoneWhenItIsBack() throws Exception {
        try (Traders traders = Traders.on(fastPort, "map-server-fast", "wait_seller", "wait_buyer")) {
            traders.tradeSwordForPotion();
            auth.terminate(Duration.ofSeconds(30));
            try {
                traders.confirmBoth();
                await().atMost(TIMEOUT).until(() -> traders.told[0].lastTradeState() == TradeUpdate.COMMITTING);
                await().during(Duration.ofSeconds(2)).atMost(TIMEOUT)
                        .until(() -> traders.told[0].lastTradeState() == TradeUpdate.COMMITTING);
            } finally {
                restartAuthService();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> traders.told[0].lastTradeState() == TradeUpdate.DONE
                    && traders.told[1].lastTradeState() == TradeUpdate.DONE);

            assertThat(stored(traders.heroes[1])).contains("1x" + SWORD + "@bag");
            assertThat(stored(traders.heroes[0])).doesNotContain("1x" + SWORD + "@bag");
            assertBalanced();
        }
    }

    @Test
    void aMapServerKilledWhileATradeWaitsForItsWriteLeavesBothSidesAsTheyWere() throws Exception {
        int port = ServiceProcess.freeTcpAndUdpPort();
        ServiceProcess doomed = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-doomed"));
        try (Traders traders = Traders.on(port, "map-server-doomed", "doom_seller", "doom_buyer")) {
            traders.tradeSwordForPotion();
            List<String> sellerBefore = stored(traders.heroes[0]);
            List<String> buyerBefore = stored(traders.heroes[1]);
            auth.terminate(Duration.ofSeconds(30));
            try {
                traders.confirmBoth();
                await().atMost(TIMEOUT).until(() -> traders.told[0].lastTradeState() == TradeUpdate.COMMITTING
                        && traders.told[1].lastTradeState() == TradeUpdate.COMMITTING);
                doomed.kill(); // SIGKILL while the trade's write waits for auth-service
            } finally {
                restartAuthService();
            }

            assertThat(stored(traders.heroes[0])).containsExactlyInAnyOrderElementsOf(sellerBefore);
            assertThat(stored(traders.heroes[1])).containsExactlyInAnyOrderElementsOf(buyerBefore);
            assertThat(ledger(traders.heroes[0])).noneMatch(row -> row.startsWith("trade"));
            assertBalanced();
        }
    }

    @Test
    void aMapServerKilledBeforeATradesCommitMovesNothingAndOneKilledAfterItsDoneKeepsTheTrade() throws Exception {
        int port = ServiceProcess.freeTcpAndUdpPort();
        ServiceProcess doomed = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-doomed-twice"));
        try (Traders traders = Traders.on(port, "map-server-doomed-twice", "before_seller", "before_buyer")) {
            traders.tradeSwordForPotion(); // offered and locked, nobody confirmed yet
            List<String> sellerBefore = stored(traders.heroes[0]);
            List<String> buyerBefore = stored(traders.heroes[1]);
            doomed.kill();
            traders.assertStoredAsBefore(sellerBefore, buyerBefore);
            assertThat(ledger(traders.heroes[0])).noneMatch(row -> row.startsWith("trade"));
            assertBalanced();
        }
        // Back under its id; two other traders finish a trade, and the server dies the moment they hear done.
        doomed = stack.startMapServer(1, port, Map.of("SERVER_ID", "map-server-doomed-twice"));
        try (Traders traders = Traders.on(port, "map-server-doomed-twice", "after_seller", "after_buyer")) {
            traders.tradeSwordForPotion();
            traders.confirmBoth();
            await().atMost(TIMEOUT).until(() -> traders.told[0].lastTradeState() == TradeUpdate.DONE
                    || traders.told[1].lastTradeState() == TradeUpdate.DONE);
            doomed.kill();

            assertThat(stored(traders.heroes[1])).as("done means stored").contains("1x" + SWORD + "@bag");
            assertThat(stored(traders.heroes[0])).doesNotContain("1x" + SWORD + "@bag");
            assertThat(ledger(traders.heroes[0])).anyMatch(row -> row.startsWith("trade " + SWORD + "x1 out"));
            assertThat(ledger(traders.heroes[1])).anyMatch(row -> row.startsWith("trade " + SWORD + "x1 in"));
            assertBalanced();
        }
    }

    @Test
    @Order(1) // first: it enters through the gateway, whose directory would still list the servers other tests kill
    void aPlayingBotLootsAndWearsTheBetterWeaponAndWhatItKeepsIsStored() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String characterId = new PlayBot(new PlayBot.Endpoints(stack.authUrl(), stack.gatewayUrl()), "loot_bot", "correct-horse-bot",
                lines::add).play(() -> System.nanoTime() < deadline && lines.stream().noneMatch(line -> line.startsWith("equipped ")));

        assertThat(lines).as(String.join("\n", lines)).anyMatch(line -> line.startsWith("picked up "))
                .anyMatch(line -> line.startsWith("equipped Rusty Sword"));
        Hero bot = new Hero(null, characterId);
        awaitReleased(bot);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stored(bot)).contains("1x" + SWORD + "@100"));
        assertBalanced();
    }

    @Test
    @Order(2) // enters through the gateway too
    void lootIsReservedForTheKillersPartyFormedThroughTheGatewayAndForNobodyElse() throws Exception {
        AuthClient killerAuth = account("party_killer");
        AuthClient friendAuth = account("party_friend");
        Hero killer = hero(killerAuth, killerAuth.createCharacter("partykiller", "1"));
        Hero friend = hero(friendAuth, friendAuth.createCharacter("partyfriend", "1"));
        Hero stranger = newHero("party_stranger");
        try (GatewayClient killerGateway = GatewayClient.connect(stack.gatewayUrl(), killerAuth.accessToken(), TIMEOUT);
                GatewayClient friendGateway = GatewayClient.connect(stack.gatewayUrl(), friendAuth.accessToken(), TIMEOUT)) {
            killerGateway.enterWorld(killer.characterId());
            friendGateway.enterWorld(friend.characterId());
            friendGateway.partyAccept(killerGateway.partyInvite("partyfriend")); // the gateway's party, in Redis
            // All three on one map server (the gateway's tickets may name the other one): the map server reads the party.
            Told friendTold = new Told();
            Told strangerTold = new Told();
            MapClient killerMap = MapClient.connect("127.0.0.1", fastPort, ticket(killer, "map-server-fast"), TIMEOUT, new Told());
            MapClient friendMap = MapClient.connect("127.0.0.1", fastPort, ticket(friend, "map-server-fast"), TIMEOUT, friendTold);
            MapClient strangerMap = MapClient.connect("127.0.0.1", fastPort, ticket(stranger, "map-server-fast"), TIMEOUT,
                    strangerTold);
            try {
                for (MapClient other : List.of(friendMap, strangerMap)) { // players join the emptiest channel: over to the killer's
                    if (other.channel() != killerMap.channel()) {
                        other.changeChannel(killerMap.channel());
                        await().atMost(TIMEOUT).until(() -> other.channel() == killerMap.channel());
                    }
                }
                List<Long> swords = new ArrayList<>();
                List<float[]> kills = new java.util.concurrent.CopyOnWriteArrayList<>();
                // The map server learns parties every PARTY_REFRESH_INTERVAL (2 s): a kill before that is the killer's
                // alone, so the next one is tried, until the deadline.
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    float[] at = huntOne(killerMap);
                    kills.add(at);
                    List<MapClient.EntityView> loot = await().atMost(TIMEOUT).until(() -> lootNear(killerMap, at), l -> l.size() >= 3);
                    MapClient.EntityView potion = loot.stream().filter(e -> e.typeId() == POTION).findFirst().orElseThrow();
                    tryPickUp(strangerMap, strangerTold, potion);
                    assertThat(strangerMap.lastItemRefusal()).as("not the killer's party").isEqualTo("item_reserved");
                    MapClient.EntityView sword = loot.stream().filter(e -> e.typeId() == SWORD).findFirst().orElseThrow();
                    tryPickUp(friendMap, friendTold, sword);
                    if ("item_reserved".equals(friendMap.lastItemRefusal())) {
                        return false; // the party was not known yet when it fell
                    }
                    await().atMost(TIMEOUT).until(() -> friendMap.inventory().values().stream().anyMatch(e -> e.typeId() == SWORD));
                    swords.add(friendMap.inventory().values().stream().filter(e -> e.typeId() == SWORD).findFirst().orElseThrow()
                            .itemId());
                    return true;
                });
                assertThat(strangerMap.inventory().values()).noneMatch(e -> e.typeId() == POTION);
                // The killer takes what is left of its kills: loot reserved for it must not lie in the next test's way.
                for (float[] at : kills) {
                    for (MapClient.EntityView item : lootNear(killerMap, at)) {
                        pickUp(killerMap, item);
                    }
                }
                friendMap.close();
                awaitReleased(friend);
                assertThat(ledgerOf(swords.getFirst())).containsExactly("loot");
                assertThat(stored(friend)).contains("1x" + SWORD + "@bag");
            } finally {
                killerMap.close();
                friendMap.close();
                strangerMap.close();
            }
        }
        assertBalanced();
    }

    @Test
    void aTraderLeavingAtAnyStepEndsTheTradeForTheOtherAndNothingMoves() throws Exception {
        try (Traders traders = Traders.on(fastPort, "map-server-fast", "leave_seller", "leave_buyer")) {
            List<String> sellerBefore = stored(traders.heroes[0]);
            List<String> buyerBefore = stored(traders.heroes[1]);
            // asked, not answered: the buyer's connection is replaced by a new login
            traders.open();
            traders.reconnect(1, fastPort, "map-server-fast");
            await().atMost(TIMEOUT).until(() -> traders.told[0].lastTradeState() == TradeUpdate.CANCELLED);
            assertThat(traders.told[0].trades.getLast().reason).isEqualTo("session_replaced");
            // offered and locked: the seller disconnects
            traders.tradeSwordForPotion();
            traders.clients[0].close();
            await().atMost(TIMEOUT).until(() -> traders.told[1].lastTradeState() == TradeUpdate.CANCELLED);
            assertThat(traders.told[1].trades.getLast().reason).isEqualTo("left");

            awaitReleased(traders.heroes[0]);
            traders.assertStoredAsBefore(sellerBefore, buyerBefore);
            assertThat(ledger(traders.heroes[1])).noneMatch(row -> row.startsWith("trade"));
            assertBalanced();
        }
    }

    @Test
    void aStackDroppedAfterItWasOfferedEndsTheTradeAndGoesToWhoeverPicksItUp() throws Exception {
        try (Traders traders = Traders.on(fastPort, "map-server-fast", "drop_seller", "drop_buyer")) {
            traders.open();
            MapClient seller = traders.clients[0];
            MapClient buyer = traders.clients[1];
            long sword = seller.inventory().get(slotOf(seller, SWORD)).itemId();
            seller.offer(slotOf(seller, SWORD));
            await().atMost(TIMEOUT).until(() -> traders.told[1].trades.getLast().theirs.size() == 1);
            seller.dropItem(slotOf(seller, SWORD));
            await().atMost(TIMEOUT).until(() -> traders.told[1].lastTradeState() == TradeUpdate.CANCELLED);
            assertThat(traders.told[1].trades.getLast().reason).isEqualTo("item_changed");

            MapClient.EntityView lying = await().atMost(TIMEOUT).until(() -> buyer.entities().values().stream()
                    .filter(e -> e.kind() == EntityEntered.KIND_ITEM && e.typeId() == SWORD
                            && distance(buyer, e.x(), e.y()) < 120).findFirst().orElse(null), found -> found != null);
            pickUp(buyer, lying);
            await().atMost(TIMEOUT).until(() -> buyer.inventory().values().stream().anyMatch(e -> e.itemId() == sword));
            traders.close();
            awaitReleased(traders.heroes[1]);

            assertThat(ledgerOf(sword)).containsExactly("loot", "drop", "pickup");
            assertThat(stored(traders.heroes[1])).contains("1x" + SWORD + "@bag");
            assertBalanced();
        }
    }

    private static void restartAuthService() throws Exception {
        auth = stack.startAuthService(authPort, Map.of());
        auth.awaitAnswer(stack.authUrl() + "/actuator/health", "\"UP\"", Duration.ofSeconds(120), stack.http());
    }

    /** Two players on one map server, each with a slime's loot saved: the seller offers its sword, the buyer a potion. */
    private static final class Traders implements AutoCloseable {

        final Hero[] heroes = new Hero[2];
        final Told[] told = {new Told(), new Told()};
        final MapClient[] clients = new MapClient[2];

        static Traders on(int port, String serverId, String seller, String buyer) throws Exception {
            Traders traders = new Traders();
            String[] names = {seller, buyer};
            for (int i = 0; i < 2; i++) {
                traders.heroes[i] = newHero(names[i]);
                traders.clients[i] = MapClient.connect("127.0.0.1", port, ticket(traders.heroes[i], serverId), TIMEOUT, traders.told[i]);
                MapClient client = traders.clients[i];
                pickUpAll(client, huntOne(client));
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(types(client)).contains(SWORD, POTION));
                Hero hero = traders.heroes[i];
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> stored(hero).contains("1x" + SWORD + "@bag"));
            }
            return traders;
        }

        void tradeSwordForPotion() {
            open();
            MapClient seller = clients[0];
            MapClient buyer = clients[1];
            seller.offer(slotOf(seller, SWORD));
            buyer.offer(slotOf(buyer, POTION));
            await().atMost(TIMEOUT).until(() -> told[0].trades.getLast().theirs.size() == 1 && told[1].trades.getLast().theirs.size() == 1);
            seller.lockTrade();
            buyer.lockTrade();
            await().atMost(TIMEOUT).until(() -> told[0].trades.getLast().theirsLocked && told[0].trades.getLast().mineLocked);
        }

        /** Side by side in one channel, the seller asks and the buyer accepts. */
        void open() {
            MapClient seller = clients[0];
            MapClient buyer = clients[1];
            if (buyer.channel() != seller.channel()) { // players join the emptiest channel: the buyer goes over
                buyer.changeChannel(seller.channel());
                await().atMost(TIMEOUT).until(() -> buyer.channel() == seller.channel());
            }
            // Side by side: the buyer walks up to the seller.
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (distance(buyer, seller.prediction().x(), seller.prediction().y()) < 60) {
                    buyer.move(0, 0);
                    return true;
                }
                step(buyer, seller.prediction().x(), seller.prediction().y());
                return false;
            });
            seller.requestTrade(buyer.entityId());
            await().atMost(TIMEOUT).until(() -> told[1].lastTradeState() == TradeUpdate.INVITED);
            buyer.acceptTrade(seller.entityId());
            await().atMost(TIMEOUT).until(() -> told[0].lastTradeState() == TradeUpdate.OPEN);
        }

        /** Trader {@code i} connects again (a new ticket, the same server): its older connection is replaced. */
        void reconnect(int i, int port, String serverId) {
            MapClient older = clients[i];
            told[i] = new Told();
            clients[i] = MapClient.connect("127.0.0.1", port, ticket(heroes[i], serverId), TIMEOUT, told[i]);
            Told now = told[i];
            await().atMost(TIMEOUT).until(() -> now.fullInventories.get() == 1);
            older.close();
        }

        /** Waits until both stored inventories are what they were. */
        void assertStoredAsBefore(List<String> seller, List<String> buyer) throws Exception {
            assertThat(stored(heroes[0])).containsExactlyInAnyOrderElementsOf(seller);
            assertThat(stored(heroes[1])).containsExactlyInAnyOrderElementsOf(buyer);
        }

        void confirmBoth() {
            clients[0].confirmTrade();
            await().atMost(TIMEOUT).until(() -> told[1].trades.getLast().theirsConfirmed);
            clients[1].confirmTrade();
        }

        @Override
        public void close() {
            for (MapClient client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    private static AuthClient account(String user) {
        AuthClient auth = new AuthClient(stack.authUrl());
        auth.register(user, "correct-horse-" + user);
        return auth;
    }

    private static Hero hero(AuthClient auth, AuthClient.Character character) {
        return new Hero(auth.session().userId(), character.id());
    }

    /** The items lying within 120 px of {@code at}. */
    private static List<MapClient.EntityView> lootNear(MapClient client, float[] at) {
        return client.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_ITEM && Math.hypot(e.x() - at[0], e.y() - at[1]) < 120).toList();
    }

    /** Walks to the item and asks to pick it up once; returns when the server answered (taken, or refused). */
    private static void tryPickUp(MapClient client, Told told, MapClient.EntityView item) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (distance(client, item.x(), item.y()) > 30) {
                step(client, item.x(), item.y());
                return false;
            }
            return true;
        });
        client.move(0, 0);
        int before = told.inventoryUpdates.get();
        client.pickUp(item.id());
        await().atMost(TIMEOUT).until(() -> told.inventoryUpdates.get() > before);
    }

    private static Hero newHero(String user) {
        AuthClient auth = new AuthClient(stack.authUrl());
        auth.register(user, "correct-horse-" + user);
        AuthClient.Character character = auth.createCharacter(user.replace("_", ""), "1");
        return new Hero(auth.session().userId(), character.id());
    }

    private static String ticket(Hero hero, String serverId) {
        return TICKETS.issue(serverId, hero.characterId(), hero.userId(), 1).token();
    }

    /** Walks to the nearest slime and hits it until it dies; where it died. */
    private static float[] huntOne(MapClient client) {
        MapClient.EntityView mob = await().atMost(TIMEOUT).until(() -> client.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_MOB && e.hp() > 0)
                .min(Comparator.comparingDouble(e -> distance(client, e.x(), e.y()))).orElse(null), found -> found != null);
        int id = mob.id();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            MapClient.EntityView now = client.entities().get(id);
            if (now == null || now.hp() <= 0) {
                return true;
            }
            if (distance(client, now.x(), now.y()) > 40) {
                step(client, now.x(), now.y());
            } else {
                client.move(0, 0);
                client.attack(id);
            }
            return false;
        });
        client.move(0, 0);
        MapClient.EntityView dead = client.entities().get(id);
        return dead == null ? new float[] {client.prediction().x(), client.prediction().y()} : new float[] {dead.x(), dead.y()};
    }

    /** Picks up every item lying within 120 px of {@code at} (a kill's three), walking to each. */
    private static void pickUpAll(MapClient client, float[] at) {
        List<MapClient.EntityView> loot = await().atMost(TIMEOUT).until(() -> client.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_ITEM && Math.hypot(e.x() - at[0], e.y() - at[1]) < 120).toList(),
                items -> items.size() >= 3);
        for (MapClient.EntityView item : new ArrayList<>(loot)) {
            pickUp(client, item);
        }
    }

    /** Walks to the item and picks it up; returns once it has left the ground. */
    private static void pickUp(MapClient client, MapClient.EntityView item) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!client.entities().containsKey(item.id())) {
                return true;
            }
            if (distance(client, item.x(), item.y()) > 30) {
                step(client, item.x(), item.y());
            } else {
                client.move(0, 0);
                client.pickUp(item.id());
            }
            return false;
        });
        client.move(0, 0);
    }

    private static void step(MapClient client, float x, float y) {
        float dx = x - client.prediction().x();
        float dy = y - client.prediction().y();
        float length = (float) Math.hypot(dx, dy);
        client.move(dx / length, dy / length);
    }

    private static double distance(MapClient client, float x, float y) {
        return Math.hypot(x - client.prediction().x(), y - client.prediction().y());
    }

    private static List<Integer> types(MapClient client) {
        return client.inventory().values().stream().map(InventoryUpdate.Entry::typeId).toList();
    }

    private static int slotOf(MapClient client, int type) {
        return client.inventory().values().stream().filter(e -> e.typeId() == type).findFirst().orElseThrow().slot();
    }

    private static void awaitReleased(Hero hero) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> query(
                "SELECT count(*) FROM character_leases WHERE character_id = ?", Long.parseLong(hero.characterId())).getFirst().equals("0"));
    }

    /** The character's stored items as "quantity x type @ bag|slot". */
    private static List<String> stored(Hero hero) throws Exception {
        return query("SELECT quantity || 'x' || type_id || '@' || CASE WHEN slot < 100 THEN 'bag' ELSE slot::text END FROM items "
                + "WHERE character_id = ?", Long.parseLong(hero.characterId()));
    }

    /** The character's ledger rows as "reason type x quantity in|out". */
    private static List<String> ledger(Hero hero) throws Exception {
        long id = Long.parseLong(hero.characterId());
        return query("SELECT reason || ' ' || type_id || 'x' || quantity || CASE WHEN to_character = ? THEN ' in' ELSE ' out' END "
                + "FROM item_ledger WHERE to_character = ? OR from_character = ? ORDER BY id", id, id, id);
    }

    private static List<String> ledgerOf(long itemId) throws Exception {
        return query("SELECT reason FROM item_ledger WHERE item_id = ? ORDER BY id", itemId);
    }

    private static List<String> query(String sql, Object... params) throws Exception {
        try (Connection connection = stack.database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    private static void assertBalanced() throws Exception {
        try (Connection connection = stack.database().connect()) {
            ItemAudit.Result audit = ItemAudit.run(connection);
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.created()).isEqualTo(audit.aliveUnits() + audit.destroyed());
        }
    }
}
