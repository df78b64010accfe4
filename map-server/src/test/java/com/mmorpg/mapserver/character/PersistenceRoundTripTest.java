package com.mmorpg.mapserver.character;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.protocol.Welcome;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.MobType;
import com.mmorpg.mapserver.interest.InterestScheduler;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.EntityTable;
import com.mmorpg.mapserver.sim.PlayerLink;
import com.mmorpg.mapserver.sim.TrafficCounter;
import com.mmorpg.mapserver.sim.World;
import com.mmorpg.mapserver.sim.WorldSettings;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No progress lost: a world saving through the real {@link CharacterPersistence} and loading through
 * the real {@link CharacterLoader}, against a stateful stand-in for auth-service's internal HTTP
 * contract (versioned writes, 409 on a stale version, 503 while "down").
 */
class PersistenceRoundTripTest {

    private static final MobType PINATA = new MobType("pinata", 9, "Pinata", 1, 0, 0, 1, 0, 10, 1000, 10_000, 250, 60, false);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final Map<String, Stored> characters = new ConcurrentHashMap<>();
    private HttpStub auth;
    private CharacterPersistence persistence;
    private LeaseKeeper leases;
    private World world;
    private InterestScheduler interest;

    /** What the fake auth-service stores for one character. */
    private record Stored(int mapId, double x, double y, int hp, int mp, int level, long exp, long version) {
    }

    @BeforeEach
    void start() throws Exception {
        auth = new HttpStub();
        characters.put("61", new Stored(1, 400, 304, 150, 30, 1, 0, 0));
        auth.fallbackCalls(this::fakeAuthService);
        InternalClient http = new InternalClient("auth-service", auth.url(), "key-0123456789abcdef0123456789abcdef", Duration.ofSeconds(2),
                InternalClient.httpClient(Duration.ofSeconds(2), Executors.newCachedThreadPool(), null));
        persistence = new CharacterPersistence(http, scheduler, Duration.ofMillis(50), CharacterPersistence.Listener.NONE);
        leases = new LeaseKeeper(http, scheduler, persistence, "map-server-1", 1, Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        WorldSettings settings = WorldSettings.of(20, 1, 10, 640, 1);
        EntityTable table = new EntityTable(InterestScheduler.SLOT_QUARANTINE_TICKS);
        interest = new InterestScheduler(settings, table, TrafficCounter.NONE, InterestScheduler.daemonThreads());
        world = new World(GameMap.open(1, 40, 40, 32), settings, persistence, TrafficCounter.NONE, table, interest);
    }

    @AfterEach
    void stop() {
        interest.close();
        scheduler.shutdownNow();
        auth.close();
    }

    private HttpStub.Answer fakeAuthService(HttpStub.Call call) {
        String[] parts = call.path().split("/");
        Stored stored = parts.length > 2 ? characters.get(parts[2]) : null;
        if (stored == null) {
            return new HttpStub.Answer(404, "{\"code\":\"CHARACTER_NOT_FOUND\"}", 0);
        }
        if (call.method().equals("POST")) { // the lease, with the character as stored
            int level = stored.level();
            return new HttpStub.Answer(200, Contracts.granted(Contracts.character(parts[2], "u61", "Keeper",
                    stored.mapId(), stored.x(), stored.y(), level, stored.exp(), stored.hp(), 150 + 20 * (level - 1), stored.mp(),
                    30 + 3 * (level - 1), stored.version(), 14 + 3 * (level - 1), 8), 77), 0);
        }
        CharacterStates.Update update = Contracts.update(call.body());
        if (update.version() != stored.version()) {
            return new HttpStub.Answer(409, "{\"code\":\"STALE_VERSION\"}", 0);
        }
        Stored saved = new Stored((int) update.mapId(), update.position().x(), update.position().y(), update.hp(),
                update.mp(), update.level(), update.exp(), stored.version() + 1);
        characters.put(parts[2], saved);
        return new HttpStub.Answer(200, Contracts.saved(parts[2], saved.version()), 0);
    }

    private Link enter() {
        LeaseKeeper.Granted granted = leases.take("61", java.util.UUID.randomUUID().toString(), null).join();
        Link link = new Link();
        world.submit(new Command.Join(link, granted.sheet(), granted.leaseId()));
        world.tick();
        return link;
    }

    @Test
    void aPlayerWhoLevelsUpLeavesAndComesBackKeepsLevelExpHealthAndPosition() {
        Link first = enter();
        int entity = ((Welcome) first.messages.getFirst()).entityId;
        var pinata = world.spawnMob(1, PINATA, 430, 304);
        world.tick();
        world.submit(new Command.Input(first, new AttackRequest(pinata.id())));
        world.tick();
        for (int i = 0; i < 10; i++) {
            world.submit(new Command.Input(first, new com.mmorpg.protocol.MoveInput(i + 1, 0, 1)));
            world.tick();
        }
        world.submit(new Command.Leave(first));
        world.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> persistence.pendingCount() == 0);

        Stored stored = characters.get("61");
        assertThat(stored.level()).isEqualTo(2);
        assertThat(stored.exp()).isEqualTo(250);
        assertThat(stored.y()).isEqualTo(304 + 60, org.assertj.core.api.Assertions.within(0.01));
        assertThat(stored.version()).as("level-up and leave saves, coalesced when the second comes before the first is sent").isBetween(1L, 2L);

        Welcome again = (Welcome) enter().messages.getFirst();
        assertThat(again.entityId).isNotEqualTo(entity);
        assertThat(again.level).isEqualTo(2);
        assertThat(again.exp).isEqualTo(250);
        assertThat(again.hp).isEqualTo(170);
        assertThat(again.maxHp).isEqualTo(170);
        assertThat(again.y).isEqualTo(364f, org.assertj.core.api.Assertions.within(0.01f));
    }

    @Test
    void aStateSavedWhileAuthServiceIsDownIsWrittenOnceItIsBack() {
        walkEastAndLeaveWhileAuthServiceIsDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> auth.calls("PUT /characters/61/internal/state").size() >= 2);
        assertThat(characters.get("61").x()).isEqualTo(400);

        auth.clear("PUT /characters/61/internal/state");
        await().atMost(Duration.ofSeconds(30)).until(() -> persistence.pendingCount() == 0);
        assertThat(characters.get("61").x()).isEqualTo(430, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aReconnectWhileTheLeaveSaveIsPendingLoadsTheNewestStateNeverAnOlderOne() throws Exception {
        walkEastAndLeaveWhileAuthServiceIsDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !auth.calls("PUT /characters/61/internal/state").isEmpty());

        java.util.concurrent.CompletableFuture<LeaseKeeper.Granted> reconnect =
                leases.take("61", java.util.UUID.randomUUID().toString(), null);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !reconnect.isDone());
        assertThat(auth.calls("POST /characters/61/internal/lease")).as("not asked while the last stay's write is pending")
                .hasSize(1);

        auth.clear("PUT /characters/61/internal/state"); // auth-service is back
        CharacterSheet loaded = reconnect.get(30, java.util.concurrent.TimeUnit.SECONDS).sheet();
        assertThat(loaded.x()).isEqualTo(430f, org.assertj.core.api.Assertions.within(0.01f));
        assertThat(loaded.version()).isEqualTo(characters.get("61").version());
    }

    /** Enters, walks 5 ticks east (to x 430) and leaves while auth-service answers 503 to writes. */
    private void walkEastAndLeaveWhileAuthServiceIsDown() {
        Link player = enter();
        for (int i = 0; i < 5; i++) {
            world.submit(new Command.Input(player, new com.mmorpg.protocol.MoveInput(i + 1, 1, 0)));
            world.tick();
        }
        auth.answer("PUT /characters/61/internal/state", 503, "{\"code\":\"STORE_UNAVAILABLE\"}");
        world.submit(new Command.Leave(player));
        world.tick();
    }

    /** Records what the world sends (snapshots are reused by the world, so only their count matters here). */
    private static final class Link implements PlayerLink {

        final List<ServerMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public int linkId() {
            return 1;
        }

        @Override
        public void sendReliable(ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void sendUnreliable(ServerMessage message) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close(Rejected reason) {
        }
    }
}
