package com.mmorpg.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.common.session.ChatMute;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.gateway.DependencyStub;
import com.mmorpg.gateway.GatewayApplication;
import com.mmorpg.gateway.WsClient;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.TestRedis;
import com.mmorpg.testsupport.embedded.EmbeddedRedisServer;
import com.mmorpg.testsupport.http.Contracts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Chat between two gateway processes' worth of Spring contexts on one real Redis: players on
 * gateway A and gateway B talk on map, world, whisper and party, with history, limits, mutes and
 * block lists. auth-service and world-directory are played by a stub (characters and map servers).
 */
class ChatAcrossGatewaysTest {

    static final String JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
    static final AtomicLong IDS = new AtomicLong(50_000);
    static DependencyStub stub;
    static RedisDatabase redisDb;
    static ConfigurableApplicationContext gatewayA;
    static ConfigurableApplicationContext gatewayB;
    /** Two more gateways with paces slow enough that no refill can happen within a test, however slow the machine. */
    static ConfigurableApplicationContext slowA;
    static ConfigurableApplicationContext slowB;
    static final Map<String, String> SLOW = Map.of("gateway.chat.world-messages", "2", "gateway.chat.world-per", "10m",
            "gateway.chat.history-requests", "3", "gateway.chat.history-per", "10m", "gateway.entries-per-minute", "5");
    static StringRedisTemplate redis;
    static final List<Player> PLAYERS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stub = new DependencyStub();
        redisDb = TestRedis.newDatabase();
        gatewayA = gateway("chat-a");
        gatewayB = gateway("chat-b");
        slowA = gateway("chat-slow-a", SLOW);
        slowB = gateway("chat-slow-b", SLOW);
        redis = gatewayA.getBean(StringRedisTemplate.class);
    }

    @AfterAll
    static void stop() {
        PLAYERS.forEach(Player::abort);
        gatewayA.close();
        gatewayB.close();
        slowA.close();
        slowB.close();
        stub.close();
    }

    static ConfigurableApplicationContext gateway(String id) {
        return gateway(id, Map.of());
    }

    static ConfigurableApplicationContext gateway(String id, Map<String, String> overrides) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("gateway.gateway-id", id),
                Map.entry("gateway.auth-service-url", stub.url()),
                Map.entry("gateway.world-directory-url", stub.url()),
                Map.entry("gateway.map-lookup-cache", "0s"),
                Map.entry("gateway.messages-per-second", "200"),
                Map.entry("gateway.entries-per-minute", "100"),
                Map.entry("gateway.chat.messages", "30"),
                Map.entry("gateway.chat.per", "1s"),
                Map.entry("gateway.chat.world-messages", "3"),
                Map.entry("gateway.chat.world-per", "1s"),
                Map.entry("gateway.chat.history-requests", "1000"),
                Map.entry("gateway.chat.history-per", "1s"),
                // Frames up to 128 KiB (both ways): see aClientThatStopsReadingIsDroppedOnceItsBacklogPassesTheByteCap
                Map.entry("gateway.max-frame-bytes", "131072"),
                Map.entry("spring.data.redis.url", redisDb.url()),
                Map.entry("spring.data.redis.database", String.valueOf(redisDb.index())),
                Map.entry("management.server.port", "")));
        properties.putAll(overrides);
        // As command-line arguments: they outrank application.yml (builder properties are only defaults).
        return new SpringApplicationBuilder(GatewayApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext gateway) {
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void mapChatReachesTheSameMapOnBothGatewaysAndNobodyOnAnotherMap() {
        Player a = Player.on(gatewayA, 1);
        Player b = Player.on(gatewayB, 1);
        Player elsewhere = Player.on(gatewayB, 2);

        String id = a.say("map", "hello map one");

        JsonNode heard = b.heard();
        assertThat(heard.get("id").asString()).isEqualTo(id);
        assertThat(heard.get("channel").asString()).isEqualTo("map");
        assertThat(heard.get("text").asString()).isEqualTo("hello map one");
        assertThat(heard.get("map_id").asString()).isEqualTo("1");
        assertThat(heard.get("from").get("name").asString()).isEqualTo(a.name);
        assertThat(heard.get("from").get("character_id").asString()).isEqualTo(a.character);
        assertThat(heard.get("sent_at").asLong()).isPositive();
        assertThat(a.heard().get("id").asString()).isEqualTo(id); // the speaker hears itself too
        // The player on map 2 hears its own line first: the map 1 line never reached it.
        elsewhere.say("map", "hello map two");
        assertThat(elsewhere.heard().get("text").asString()).isEqualTo("hello map two");
        // And map 1 hears a later line of its own first: the map 2 line (through Redis before it) never reached it.
        a.say("map", "map one again");
        assertThat(b.heard().get("text").asString()).isEqualTo("map one again");
    }

    @Test
    void aGateTransferMovesThePlayersMapChannel() {
        Player mover = Player.on(gatewayA, 1);
        Player onTwo = Player.on(gatewayB, 2);
        stub.answer("GET " + CharacterStates.characterPath(mover.character), 200,
                Contracts.json(Contracts.character(mover.character, mover.user, mover.name, 2, 10, 10, 1, 0, 100, 100, 10, 10, 1, 10, 5)));

        mover.client.send("join_map", "{\"map_id\":2}");
        mover.take("join_map_success");
        mover.say("map", "arrived");

        JsonNode heard = onTwo.heard();
        assertThat(heard.get("text").asString()).isEqualTo("arrived");
        assertThat(heard.get("map_id").asString()).isEqualTo("2");
    }

    @Test
    void worldReachesEveryoneAndIsStricter() {
        Player a = Player.on(gatewayA, 1);
        Player b = Player.on(gatewayB, 3);

        a.say("world", "hello world");

        assertThat(b.heard().get("text").asString()).isEqualTo("hello world");
        // 3 world lines a second against 30 in all: a refusal within 10 quick lines can only be world's own pace
        // (counted, not timed: on a slow machine a line may pass that the pace refilled meanwhile).
        assertThat(a.worldLinesBeforePaceRefusal(10)).as("lines passed after the first, before a refusal within 10")
                .isGreaterThanOrEqualTo(2);
        a.say("map", "the map channel is not slowed by world"); // the general pace has room left
    }

    @Test
    void whispersCrossGatewaysAndAnOfflineNameIsRefused() {
        Player a = Player.on(gatewayA, 1);
        Player b = Player.on(gatewayB, 4);

        String id = a.say("whisper", "psst", b.name.toLowerCase());

        JsonNode heard = b.heard();
        assertThat(heard.get("id").asString()).isEqualTo(id);
        assertThat(heard.get("channel").asString()).isEqualTo("whisper");
        assertThat(heard.get("to").get("name").asString()).isEqualTo(b.name);
        assertThat(heard.has("map_id")).isFalse();
        JsonNode echo = a.heard();
        assertThat(echo.get("id").asString()).isEqualTo(id);
        assertThat(a.refusal("chat_send", Map.of("channel", "whisper", "text", "hi", "to", "Nobody" + IDS.incrementAndGet())))
                .isEqualTo("PLAYER_OFFLINE");
        b.client.close();
        b.client.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> "PLAYER_OFFLINE".equals(
                a.refusal("chat_send", Map.of("channel", "whisper", "text", "still there?", "to", b.name))));
    }

    @Test
    void partiesInviteAcceptChatKickAndLeaveAcrossGateways() {
        Player leader = Player.on(gatewayA, 1);
        Player second = Player.on(gatewayB, 1);
        Player third = Player.on(gatewayB, 2);
        Player outsider = Player.on(gatewayA, 1);

        assertThat(outsider.refusal("chat_send", Map.of("channel", "party", "text", "anyone?"))).isEqualTo("NOT_IN_PARTY");
        String party = leader.request("party_invite", Map.of("name", second.name), "party_invited").get("party_id").asString();
        assertThat(leader.take("party_update").get("data").get("members")).hasSize(1);
        JsonNode invitation = second.take("party_invitation").get("data");
        assertThat(invitation.get("party_id").asString()).isEqualTo(party);
        assertThat(invitation.get("from").get("name").asString()).isEqualTo(leader.name);
        assertThat(outsider.refusal("party_accept", Map.of("party_id", party))).isEqualTo("NO_INVITATION");

        second.request("party_accept", Map.of("party_id", party), "party_joined");
        for (Player member : List.of(leader, second)) {
            JsonNode update = member.take("party_update").get("data");
            assertThat(update.get("party_id").asString()).isEqualTo(party);
            assertThat(update.get("leader").asString()).isEqualTo(leader.character);
            assertThat(update.get("members").findValuesAsString("name")).containsExactly(leader.name, second.name);
        }
        leader.request("party_invite", Map.of("name", third.name), "party_invited");
        third.request("party_accept", Map.of("party_id", third.take("party_invitation").get("data").get("party_id").asString()),
                "party_joined");
        leader.take("party_update");
        second.take("party_update");
        third.take("party_update");

        String id = second.say("party", "pull the boss");
        for (Player member : List.of(leader, second, third)) {
            assertThat(member.heard().get("id").asString()).isEqualTo(id);
        }
        outsider.say("map", "outsider line");
        assertThat(outsider.heard().get("text").asString()).isEqualTo("outsider line"); // the party line never reached it
        assertThat(second.refusal("party_kick", Map.of("name", third.name))).isEqualTo("NOT_PARTY_LEADER");
        assertThat(leader.refusal("party_kick", Map.of("name", outsider.name))).isEqualTo("NOT_IN_PARTY");
        assertThat(outsider.refusal("party_invite", Map.of("name", leader.name))).isEqualTo("ALREADY_IN_PARTY");

        leader.request("party_kick", Map.of("name", third.name), "party_kicked");
        JsonNode kicked = third.take("party_update").get("data");
        assertThat(kicked.get("party_id").isNull()).isTrue();
        assertThat(kicked.get("reason").asString()).isEqualTo("kicked");
        assertThat(leader.take("party_update").get("data").get("members")).hasSize(2);
        assertThat(second.take("party_update").get("data").get("members")).hasSize(2);
        assertThat(third.refusal("chat_send", Map.of("channel", "party", "text", "let me back"))).isEqualTo("NOT_IN_PARTY");

        leader.request("party_leave", Map.of(), "party_left");
        assertThat(leader.take("party_update").get("data").get("reason").asString()).isEqualTo("left");
        JsonNode disbanded = second.take("party_update").get("data");
        assertThat(disbanded.get("party_id").isNull()).isTrue();
        assertThat(disbanded.get("reason").asString()).isEqualTo("disbanded");
        assertThat(redis.hasKey("party:" + party)).isFalse();
        assertThat(redis.hasKey("party:of:" + second.character)).isFalse();
    }

    @Test
    void aPartyIsFullAtFiveAndOutlivesAGatewayRestart() {
        Player leader = Player.on(gatewayA, 1);
        List<Player> members = new ArrayList<>();
        String party = null;
        for (int i = 0; i < 4; i++) {
            Player member = Player.on(gatewayB, 1);
            party = leader.request("party_invite", Map.of("name", member.name), "party_invited").get("party_id").asString();
            member.request("party_accept", Map.of("party_id", party), "party_joined");
            members.add(member);
        }
        Player sixth = Player.on(gatewayB, 1);
        assertThat(leader.refusal("party_invite", Map.of("name", sixth.name))).isEqualTo("PARTY_FULL");
        leader.say("party", "before the restart");

        gatewayB.close();
        members.forEach(member -> member.client.awaitClose());
        gatewayB = gateway("chat-b");
        Player back = members.getFirst().reconnect(gatewayB);
        String id = back.say("party", "after the restart");

        leader.take(frame -> frame.path("data").path("id").asString("").equals(id));
        JsonNode history = back.request("chat_history", Map.of("channel", "party"), "chat_history");
        assertThat(history.get("messages").findValuesAsString("text")).containsExactly("before the restart", "after the restart");
        assertThat(redis.opsForValue().get("party:of:" + back.character)).isEqualTo(party);
    }

    @Test
    void historyKeepsTheLastFiftyLinesOfAChannelForWhoeverEntersLater() {
        Player a = Player.on(gatewayA, 7);
        Player b = Player.on(gatewayA, 7);
        for (int i = 1; i <= 55; i++) {
            (i % 2 == 0 ? a : b).say("map", "line " + i);
        }

        Player late = a.reconnect(gatewayB);
        JsonNode history = late.request("chat_history", Map.of("channel", "map"), "chat_history");

        List<String> texts = history.get("messages").findValuesAsString("text");
        assertThat(texts).hasSize(50);
        assertThat(texts.getFirst()).isEqualTo("line 6");
        assertThat(texts.getLast()).isEqualTo("line 55");
        assertThat(history.get("channel").asString()).isEqualTo("map");
        assertThat(late.refusal("chat_history", Map.of("channel", "whisper"))).isEqualTo("INVALID_MESSAGE");
        assertThat(late.refusal("chat_history", Map.of("channel", "party"))).isEqualTo("NOT_IN_PARTY");
    }

    @Test
    void everyRefusalHasItsCode() {
        Player fresh = Player.connected(gatewayA);
        assertThat(fresh.refusal("chat_send", Map.of("channel", "map", "text", "hi"))).isEqualTo("NOT_IN_WORLD");
        Player a = Player.on(gatewayA, 1);

        assertThat(a.refusal("chat_send", Map.of("channel", "map", "text", "x".repeat(201)))).isEqualTo("CHAT_TOO_LONG");
        assertThat(a.say("map", "y".repeat(200))).isNotBlank();
        assertThat(a.refusal("chat_send", Map.of("channel", "map", "text", " \n\t\u0000 "))).isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("chat_send", Map.of("channel", "shout", "text", "hi"))).isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("chat_send", Map.of("channel", "map", "text", 42))).isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("chat_send", Map.of("channel", "whisper", "text", "hi", "to", "no spaces allowed")))
                .isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("chat_send", Map.of("channel", "whisper", "text", "hi", "to", a.name))).isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("party_accept", Map.of("party_id", "not a number"))).isEqualTo("INVALID_MESSAGE");
        assertThat(a.refusal("party_leave", Map.of())).isEqualTo("NOT_IN_PARTY");
        assertThat(a.refusal("party_invite", Map.of("name", a.name))).isEqualTo("INVALID_MESSAGE");

        a.say("map", "a\u0000b\u202Ec\r\nd  ");
        JsonNode skip = a.heard(); // the 200-character line
        assertThat(skip.get("text").asString()).hasSize(200);
        assertThat(a.heard().get("text").asString()).isEqualTo("abcd");
    }

    @Test
    void aChatFloodIsLimitedAndThenClosedLikeOtherFloods() {
        Player flooder = Player.on(gatewayB, 1);
        Counter closes = gatewayB.getBean(MeterRegistry.class)
                .counter("gateway.closes", "reason", "rate_limited");
        double closedBefore = closes.count();
        // 1. One line at a time on world (3 a second pass) until one is refused: the refusal is read while the
        // connection is surely open. (A burst on map could pass whole when the server handles it slower
        // than the pace refills, and then no line would be refused.)
        assertThat(flooder.worldLinesBeforePaceRefusal(20)).as("a CHAT_RATE_LIMITED refusal within 20 lines").isNotNegative();
        assertThat(flooder.client.isClosed()).isFalse();

        // 2. Flooding on is closed.
        for (int i = 0; i < 400 && !flooder.client.isClosed(); i++) {
            try {
                flooder.client.send("{\"event\":\"chat_send\",\"data\":{\"channel\":\"world\",\"text\":\"more " + i + "\"}}");
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
        }

        // The server closed it for the flood, once: counted by reason whatever the client saw. The client
        // sees 1008 "Rate limit exceeded", or a reset when the server's close crossed the flood (a reset
        // discards what the client had not read yet, the close frame too).
        WsClient.Close close = flooder.client.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> closes.count() == closedBefore + 1);
        if (close.code() != -1) {
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("Rate limit exceeded");
        }
    }

    @Test
    void aMutedPlayerCannotSpeakUntilUnmuted() {
        Player talker = Player.on(gatewayA, 1);
        talker.say("map", "before");
        ChatMute mute = new ChatMute(talker.user, System.currentTimeMillis() + 60_000);
        redis.opsForValue().set(mute.key(), mute.value());

        redis.convertAndSend(StaffNotice.CHANNEL, new StaffNotice.Mute(mute).encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> "CHAT_MUTED".equals(talker.refusal("chat_send",
                Map.of("channel", "world", "text", "let me speak"))));
        Player again = talker.reconnect(gatewayB); // the mute is in Redis: it holds on every gateway, from entry on
        assertThat(again.refusal("chat_send", Map.of("channel", "whisper", "text", "hi", "to", again.name))).isEqualTo("CHAT_MUTED");

        redis.delete(mute.key());
        redis.convertAndSend(StaffNotice.CHANNEL, new StaffNotice.Mute(new ChatMute(talker.user, 0)).encode());
        await().atMost(Duration.ofSeconds(10)).until(() -> again.trySay("map", "after"));
    }

    @Test
    void aBlockedPlayersWhispersAreDropped() {
        Player blocker = Player.on(gatewayA, 1);
        Player pest = Player.on(gatewayB, 5);
        Player friend = Player.on(gatewayB, 5);

        JsonNode blocked = blocker.request("chat_block", Map.of("name", pest.name), "chat_blocked");
        assertThat(blocked.get("blocked").get(0).asString()).isEqualTo(pest.name.toLowerCase());
        // the sender is told what it would be told were the blocker offline
        assertThat(pest.refusal("chat_send", Map.of("channel", "whisper", "text", "you there?", "to", blocker.name)))
                .isEqualTo("PLAYER_OFFLINE");
        friend.say("whisper", "hi friend", blocker.name);

        assertThat(blocker.heard().get("text").asString()).isEqualTo("hi friend");
        Player blockerAgain = blocker.reconnect(gatewayB); // the block list is kept in Redis
        assertThat(pest.refusal("chat_send", Map.of("channel", "whisper", "text", "again?", "to", blockerAgain.name)))
                .isEqualTo("PLAYER_OFFLINE");
        friend.say("whisper", "still me", blockerAgain.name);
        assertThat(blockerAgain.heard().get("text").asString()).isEqualTo("still me");

        blockerAgain.request("chat_unblock", Map.of("name", pest.name), "chat_unblocked");
        pest.say("whisper", "sorry", blockerAgain.name);
        assertThat(blockerAgain.heard().get("text").asString()).isEqualTo("sorry");
    }

    @Test
    void worldChatKeepsItsPaceThroughReEntriesReconnectsAndGateways() {
        Player talker = Player.on(slowA, 1); // 2 world lines per 10 minutes on the slow gateways
        talker.say("world", "one");
        talker.say("world", "two");
        assertThat(talker.refusal("chat_send", Map.of("channel", "world", "text", "three"))).isEqualTo("CHAT_RATE_LIMITED");

        talker.reenter(); // a new entry with the same character on the same socket
        assertThat(talker.refusal("chat_send", Map.of("channel", "world", "text", "after re-entry")))
                .isEqualTo("CHAT_RATE_LIMITED");
        Player again = talker.reconnect(slowA);
        assertThat(again.refusal("chat_send", Map.of("channel", "world", "text", "after reconnecting")))
                .isEqualTo("CHAT_RATE_LIMITED");
        Player elsewhere = again.reconnect(slowB);
        assertThat(elsewhere.refusal("chat_send", Map.of("channel", "world", "text", "on another gateway")))
                .isEqualTo("CHAT_RATE_LIMITED");
        elsewhere.say("map", "the map channel still has room"); // only world's own pace is spent
    }

    @Test
    void joinMapIsPacedLikeEnterWorldPerAccount() {
        Player mover = Player.on(slowA, 1); // 5 entries a minute: enter_world was the first
        int joined = 0;
        String refusal = null;
        for (int i = 0; i < 10 && refusal == null; i++) {
            mover.send("join_map", Map.of("map_id", 1));
            JsonNode answer = mover.take(frame -> frame.path("event").asString().equals("join_map_success")
                    || frame.path("event").asString().equals("error"));
            if (answer.path("event").asString().equals("error")) {
                refusal = answer.path("data").path("code").asString();
                assertThat(answer.path("data").path("message").asString()).contains("world entries");
            } else {
                joined++;
            }
        }
        assertThat(refusal).isEqualTo("RATE_LIMITED");
        // at least 4 went; at most the 4 plus what refilled (1 per 12 s) on a slow machine
        assertThat(joined).isBetween(4, 6);
        int asked = stub.calls("GET " + CharacterStates.characterPath(mover.character)).size();
        mover.send("join_map", Map.of("map_id", 1));
        assertThat(mover.take("error").path("data").path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(stub.calls("GET " + CharacterStates.characterPath(mover.character))).hasSize(asked); // no auth-service read

        // a new socket, on another gateway, is the same account
        Player reconnected = Player.connectedAs(slowB, mover.user);
        reconnected.send("enter_world", Map.of("character_id", mover.character));
        assertThat(reconnected.take("error").path("data").path("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void chatHistoryIsPacedPerAccount() {
        Player reader = Player.on(slowA, 1); // 3 history requests per 10 minutes on the slow gateways
        for (int i = 0; i < 3; i++) {
            reader.request("chat_history", Map.of("channel", "world"), "chat_history");
        }
        assertThat(reader.refusal("chat_history", Map.of("channel", "map"))).isEqualTo("CHAT_RATE_LIMITED");
        Player again = reader.reconnect(slowB);
        assertThat(again.refusal("chat_history", Map.of("channel", "world"))).isEqualTo("CHAT_RATE_LIMITED");
        again.say("map", "talking is paced apart from history");
    }

    @Test
    void aBlockHoldsOnPartyLines() {
        Player leader = Player.on(gatewayA, 1);
        Player blocker = Player.on(gatewayB, 1);
        Player friend = Player.on(gatewayB, 2);
        String party = leader.request("party_invite", Map.of("name", blocker.name), "party_invited").get("party_id").asString();
        blocker.request("party_accept", Map.of("party_id", party), "party_joined");
        leader.request("party_invite", Map.of("name", friend.name), "party_invited");
        friend.request("party_accept", Map.of("party_id", party), "party_joined");
        blocker.request("chat_block", Map.of("name", leader.name), "chat_blocked");

        leader.say("party", "from the one blocked");
        friend.say("party", "from a friend");

        assertThat(friend.heard().get("text").asString()).isEqualTo("from the one blocked"); // delivered to the others
        assertThat(blocker.heard().get("text").asString()).isEqualTo("from a friend");
        JsonNode history = blocker.request("chat_history", Map.of("channel", "party"), "chat_history");
        assertThat(history.get("messages").findValuesAsString("text")).containsExactly("from a friend");
    }

    @Test
    void toSomeoneItBlocksABlockerIsAnsweredExactlyAsIfOffline() {
        Player blocker = Player.on(gatewayA, 1);
        Player pest = Player.on(gatewayB, 1);
        blocker.request("chat_block", Map.of("name", pest.name), "chat_blocked");

        JsonNode whileOnline = pest.refusalFrame("chat_send", Map.of("channel", "whisper", "text", "hi", "to", blocker.name));
        assertThat(pest.refusal("party_invite", Map.of("name", blocker.name))).isEqualTo("PLAYER_OFFLINE");
        assertThat(pest.refusal("chat_block", Map.of("name", blocker.name))).isEqualTo("PLAYER_OFFLINE");
        blocker.client.close();
        blocker.client.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.opsForValue().get("chat:online:" + blocker.name.toLowerCase()) == null);
        JsonNode whileOffline = pest.refusalFrame("chat_send", Map.of("channel", "whisper", "text", "hi", "to", blocker.name));

        assertThat(whileOnline.get("code").asString()).isEqualTo("PLAYER_OFFLINE");
        assertThat(whileOnline).isEqualTo(whileOffline);
    }

    @Test
    void blockListsExpireUnlessUsed() {
        Player blocker = Player.on(gatewayA, 1);
        Player pest = Player.on(gatewayB, 1);
        blocker.request("chat_block", Map.of("name", pest.name), "chat_blocked");
        String key = "chat:blocked:" + blocker.character;
        long blockTtlSeconds = Duration.parse("PT" + 180 * 24 + "H").toSeconds(); // application.yml's block-ttl
        assertThat(redis.getExpire(key)).isBetween(blockTtlSeconds - 60, blockTtlSeconds);
        assertThat(redis.opsForHash().entries(key)).containsEntry(pest.character, pest.name.toLowerCase());

        redis.expire(key, Duration.ofSeconds(100));
        Player back = blocker.reconnect(gatewayB); // entering the world uses the list: its expiry starts again
        assertThat(redis.getExpire(key)).isGreaterThan(blockTtlSeconds - 60);
        pest.say("map", "blocked line");
        Player other = Player.on(gatewayA, 1);
        other.say("map", "line of another");
        assertThat(back.heard().get("text").asString()).isEqualTo("line of another");
    }

    @Test
    void aBlockListOfNamesFromBeforeIsMovedToCharacterIdsOnEntry() {
        Player blocker = Player.on(gatewayA, 1);
        Player pest = Player.on(gatewayB, 1);
        redis.opsForSet().add("chat:blocks:" + blocker.character, pest.name.toLowerCase());

        Player back = blocker.reconnect(gatewayA);
        pest.say("map", "blocked line");
        Player other = Player.on(gatewayB, 1);
        other.say("map", "line of another");

        assertThat(back.heard().get("text").asString()).isEqualTo("line of another");
        assertThat(redis.opsForHash().entries("chat:blocked:" + blocker.character)).containsKey(pest.character);
        assertThat(redis.hasKey("chat:blocks:" + blocker.character)).isFalse();
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceItsBacklogPassesTheByteCap() throws Exception {
        // 50 lines of 2,000 bytes: each chat_history answer is about 100 KB (these gateways allow frames of
        // 128 KiB), so 100 of them (under the 128-frame cap) are 10 MB for a client that reads nothing. Loopback
        // TCP buffers here hold up to 4 MB (tcp_wmem), more than 128 frames of the default 8 KiB: with those,
        // neither cap could be seen. The gateway holds at most the byte cap on top of what the kernel holds.
        int map = 900 + (int) (IDS.incrementAndGet() % 1000);
        for (int i = 0; i < 50; i++) {
            redis.opsForList().leftPush("chat:history:map:" + map, Contracts.json(Map.of("id", "x" + i, "channel", "map",
                    "from", Map.of("character_id", "1", "name", "Filler"), "text", "y".repeat(2_000), "sent_at", 1)));
        }
        String user = String.valueOf(IDS.incrementAndGet());
        String character = String.valueOf(IDS.incrementAndGet());
        stub.answer("GET " + CharacterStates.characterPath(character), 200,
                Contracts.json(Contracts.character(character, user, "Hero" + character, map, 10, 10, 1, 0, 100, 100, 10, 10, 1, 10, 5)));
        stub.answer("GET " + MapRegistry.allocationPath(map), 200, Contracts.allocation("map-" + map, "127.0.0.1", 4000, 0, 100));
        io.micrometer.core.instrument.MeterRegistry meters = gatewayA.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double droppedBefore = meters.counter("gateway.connections.dropped", "reason", "outbound_bytes").count();

        try (StalledClient stalled = StalledClient.enter(port(gatewayA), Player.token(user), character)) {
            for (int i = 0; i < 100; i++) {
                stalled.send("{\"event\":\"chat_history\",\"data\":{\"channel\":\"map\"}}");
            }

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    meters.counter("gateway.connections.dropped", "reason", "outbound_bytes").count() > droppedBefore);
            assertThat(stalled.readsToTheEnd(Duration.ofSeconds(20))).as("the gateway ended the connection").isTrue();
        }
    }

    /**
     * A WebSocket client on a plain socket with a small receive buffer: it enters the world, then sends
     * and never reads again, like a client that stopped reading.
     */
    static final class StalledClient implements AutoCloseable {

        private final java.net.Socket socket;

        private StalledClient(java.net.Socket socket) {
            this.socket = socket;
        }

        static StalledClient enter(int port, String token, String characterId) throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(4096); // before connecting: the window it offers stays small
            socket.connect(new java.net.InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StalledClient client = new StalledClient(socket);
            client.readUntil("welcome");
            client.send("{\"event\":\"enter_world\",\"data\":{\"character_id\":\"" + characterId + "\"}}");
            client.readUntil("enter_world_success");
            return client;
        }

        /** Reads (frames and all, as text) until {@code marker} went by. */
        private void readUntil(String marker) throws java.io.IOException {
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (seen.indexOf(marker) < 0) {
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    throw new AssertionError("closed before " + marker + ": " + seen);
                }
                seen.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        /** One masked text frame (clients mask theirs). */
        void send(String text) throws java.io.IOException {
            byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            byte[] mask = {1, 2, 3, 4};
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            socket.getOutputStream().write(frame.toByteArray());
        }

        /** Reads what was sent until the connection ends: true when it ended within {@code within}. */
        boolean readsToTheEnd(Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            byte[] buffer = new byte[65_536];
            try {
                while (System.nanoTime() < deadline) {
                    try {
                        if (socket.getInputStream().read(buffer) < 0) {
                            return true;
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        return false;
                    }
                }
                return false;
            } catch (java.io.IOException reset) {
                return true; // dropped: a reset ends it as well
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aHistoryAnswerHoldsTheNewestLinesThatFitOneFrame() {
        // gateway A allows frames of 128 KiB: 50 lines of 3,000 bytes would not fit, the newest 40-odd do
        int map = 2_000 + (int) (IDS.incrementAndGet() % 1000);
        for (int i = 0; i < 50; i++) {
            redis.opsForList().leftPush("chat:history:map:" + map, Contracts.json(Map.of("id", "x" + i, "channel", "map",
                    "from", Map.of("character_id", "1", "name", "Filler"), "text", i + "y".repeat(3_000), "sent_at", 1)));
        }
        Player reader = Player.on(gatewayA, map);

        List<String> texts = reader.request("chat_history", Map.of("channel", "map"), "chat_history").get("messages")
                .findValuesAsString("text");

        assertThat(texts).hasSizeBetween(30, 49);
        assertThat(texts.getLast()).startsWith("49y");
        assertThat(reader.client.isClosed()).isFalse();
    }

    @Test
    void presenceRefreshKeepsNamesReachable() {
        Player player = Player.on(gatewayA, 1);
        String key = "chat:online:" + player.name.toLowerCase();
        redis.expire(key, Duration.ofSeconds(5));

        gatewayA.getBean(Chat.class).refreshPresence();

        assertThat(redis.getExpire(key)).isGreaterThan(60); // presence-ttl is 90 s
    }

    @Test
    void aLongestAnnouncementInCjkReachesPlayersOnEveryGateway() {
        Player onA = Player.on(gatewayA, 1);
        Player onB = Player.on(gatewayB, 1);
        String message = "告".repeat(StaffNotice.MAX_MESSAGE_CHARS); // what auth-service's API lets through at most

        redis.convertAndSend(StaffNotice.CHANNEL, new StaffNotice.Announcement(message).encode());

        for (Player player : List.of(onA, onB)) {
            assertThat(player.take("announcement").get("data").get("message").asString()).isEqualTo(message);
        }
    }

    @Test
    void healthShowsChatDelivering() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port(gatewayA)
                    + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"chat\":{\"status\":\"UP\"");
        });
    }

    @Test
    void deliveryGoesOnAfterAnInterruptAndASocketThatFailsEveryFlush() {
        // A socket on gateway A's map 1 whose every flush fails with an error, not an exception.
        Chatter broken = new Chatter(new Chatter.Link() {
            @Override
            public void send(String frame) {
            }

            @Override
            public void queue(byte[] utf8Frame) {
            }

            @Override
            public void flush() {
                throw new StackOverflowError("a socket that fails to flush");
            }
        }, "broken-user", "broken-" + IDS.incrementAndGet(), "Broken", 1, "chat-a/broken");
        ChatRoster roster = gatewayA.getBean(ChatRoster.class);
        roster.add(broken);
        try {
            Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("chat-delivery"))
                    .forEach(Thread::interrupt); // an interrupt that is not a stop
            Player speaker = Player.on(gatewayA, 1);
            Player listener = Player.on(gatewayA, 1);

            speaker.say("map", "through the faults");
            assertThat(listener.heard().get("text").asString()).isEqualTo("through the faults");
            speaker.say("map", "and again");
            assertThat(listener.heard().get("text").asString()).isEqualTo("and again");

            ChatDelivery delivery = gatewayA.getBean(ChatDelivery.class);
            assertThat(delivery.delivering()).isTrue();
            // both lines' failed flushes are counted (the broken socket may be served after the listener)
            Counter failures = gatewayA.getBean(MeterRegistry.class).get("gateway.chat.delivery.failures").counter();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(failures.count()).isGreaterThanOrEqualTo(2));
        } finally {
            roster.remove(broken);
        }
    }

    /** One player: a user, a character and a socket to one of the gateways; what arrives is kept until taken. */
    @Test
    void chatAndRevocationsComeBackWhenRedisRestartsUnderLivePlayers() throws Exception {
        int port = EmbeddedRedisServer.freePort();
        EmbeddedRedisServer own = EmbeddedRedisServer.startEphemeralOn(port);
        ConfigurableApplicationContext gateway = gateway("chat-restart", Map.of(
                "spring.data.redis.url", "redis://127.0.0.1:" + port, "spring.data.redis.database", "0"));
        try {
            Player speaker = Player.on(gateway, 1);
            Player listener = Player.on(gateway, 1);
            speaker.say("map", "before the restart");
            assertThat(listener.heard().get("text").asString()).isEqualTo("before the restart");

            own.close();
            // Chat waits for Redis (SERVICE_UNAVAILABLE), and the sockets stay open: play goes on.
            await().atMost(Duration.ofSeconds(30)).until(() -> !speaker.trySay("map", "while Redis is away"));
            assertThat(speaker.client.isClosed()).isFalse();
            assertThat(listener.client.isClosed()).isFalse();

            own = EmbeddedRedisServer.startEphemeralOn(port);
            // Chat comes back by itself: a line said again until the gateway's subscription is back and it is heard.
            int[] tries = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String line = "after the restart " + tries[0]++;
                return speaker.trySay("map", line) && listener.hears(line, Duration.ofSeconds(2));
            });
            // So do revocations: a ban published now closes the listener's socket.
            io.lettuce.core.RedisClient publisher = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + port);
            try (io.lettuce.core.api.StatefulRedisConnection<String, String> connection = publisher.connect()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    connection.sync().publish(com.mmorpg.common.session.SessionRevoked.CHANNEL,
                            new com.mmorpg.common.session.SessionRevoked(listener.user,
                                    com.mmorpg.common.session.SessionRevoked.ALL_SESSIONS, "ban", System.currentTimeMillis())
                                    .encode());
                    return listener.client.isClosed();
                });
            } finally {
                publisher.shutdown();
            }
            assertThat(listener.client.awaitClose().code()).isEqualTo(1008);
            assertThat(speaker.client.isClosed()).as("the other player stays").isFalse();
        } finally {
            gateway.close();
            own.close();
        }
    }

    static final class Player {

        final String user;
        final String character;
        final String name;
        final int map;
        final WsClient client;
        final List<JsonNode> unread = new ArrayList<>();

        private Player(String user, String character, String name, int map, WsClient client) {
            this.user = user;
            this.character = character;
            this.name = name;
            this.map = map;
            this.client = client;
            synchronized (PLAYERS) {
                PLAYERS.add(this);
            }
        }

        static Player connected(ConfigurableApplicationContext gateway) {
            String user = String.valueOf(IDS.incrementAndGet());
            Player player = new Player(user, null, null, 0, open(gateway, user));
            player.take("welcome");
            return player;
        }

        /** A socket of {@code user}'s that has not entered the world. */
        static Player connectedAs(ConfigurableApplicationContext gateway, String user) {
            Player player = new Player(user, null, null, 0, open(gateway, user));
            player.take("welcome");
            return player;
        }

        static Player on(ConfigurableApplicationContext gateway, int map) {
            String user = String.valueOf(IDS.incrementAndGet());
            String character = String.valueOf(IDS.incrementAndGet());
            return enter(gateway, user, character, "Hero" + character, map);
        }

        private static Player enter(ConfigurableApplicationContext gateway, String user, String character, String name, int map) {
            stub.answer("GET " + CharacterStates.characterPath(character), 200,
                    Contracts.json(Contracts.character(character, user, name, map, 10, 10, 1, 0, 100, 100, 10, 10, 1, 10, 5)));
            stub.answer("GET " + MapRegistry.allocationPath(map), 200, Contracts.allocation("map-" + map, "127.0.0.1", 4000 + map, 0, 100));
            Player player = new Player(user, character, name, map, open(gateway, user));
            player.take("welcome");
            player.request("enter_world", Map.of("character_id", character), "enter_world_success");
            return player;
        }

        static String token(String user) {
            return new AccessTokenCodec(SigningKeys.of("JWT_SECRET", JWT_SECRET, null), Duration.ofMinutes(15),
                    Clock.systemUTC()).issue(user).token();
        }

        private static WsClient open(ConfigurableApplicationContext gateway, String user) {
            String token = token(user);
            return WsClient.connect(URI.create("ws://localhost:" + port(gateway) + "/ws?token=" + token));
        }

        /** The same user and character, logged in again through {@code gateway} (this socket closes). */
        Player reconnect(ConfigurableApplicationContext gateway) {
            if (!client.isClosed()) {
                try {
                    client.close();
                } catch (RuntimeException closedByTheGateway) {
                    // its gateway went away (a restart): the socket is gone already
                }
            }
            client.awaitClose();
            return enter(gateway, user, character, name, map);
        }

        /** {@code enter_world} again with the same character on the same socket. */
        void reenter() {
            request("enter_world", Map.of("character_id", character), "enter_world_success");
        }

        String say(String channel, String text) {
            return say(channel, text, null);
        }

        String say(String channel, String text, String to) {
            Map<String, Object> data = to == null ? Map.of("channel", channel, "text", text)
                    : Map.of("channel", channel, "text", text, "to", to);
            return request("chat_send", data, "chat_sent").get("id").asString();
        }

        boolean trySay(String channel, String text) {
            send("chat_send", Map.of("channel", channel, "text", text));
            JsonNode answer = take(frame -> frame.path("event").asString().equals("chat_sent")
                    || frame.path("event").asString().equals("error"));
            return answer.path("event").asString().equals("chat_sent");
        }

        /** Sends and returns the answer's data; fails on an error. */
        JsonNode request(String event, Map<String, ?> data, String answer) {
            send(event, data);
            JsonNode frame = take(f -> f.path("event").asString().equals(answer) || f.path("event").asString().equals("error"));
            assertThat(frame.path("event").asString()).as(frame.toString()).isEqualTo(answer);
            return frame.get("data");
        }

        /**
         * Says world lines one at a time until the pace refuses one ({@code CHAT_RATE_LIMITED}), at most {@code max}:
         * how many passed before it, or -1 when none was refused.
         */
        int worldLinesBeforePaceRefusal(int max) {
            int passed = 0;
            for (int i = 0; i < max; i++) {
                String answer = refusal("chat_send", Map.of("channel", "world", "text", "line " + i));
                if (answer.equals("CHAT_RATE_LIMITED")) {
                    return passed;
                }
                passed += answer.equals("chat_sent") ? 1 : 0;
            }
            return -1;
        }

        /** Sends and returns the error's data (fails when answered otherwise). */
        JsonNode refusalFrame(String event, Map<String, ?> data) {
            send(event, data);
            JsonNode frame = take(f -> f.path("event").asString().equals("error") || f.path("event").asString().endsWith("_sent"));
            assertThat(frame.path("event").asString()).as(frame.toString()).isEqualTo("error");
            return frame.get("data");
        }

        /** Sends and returns the error code it was refused with. */
        String refusal(String event, Map<String, ?> data) {
            send(event, data);
            JsonNode frame = take(f -> f.path("event").asString().equals("error") || f.path("event").asString().endsWith("_sent")
                    || f.path("event").asString().startsWith("party_") && !f.path("event").asString().equals("party_update"));
            return frame.path("data").path("code").asString(frame.path("event").asString());
        }

        /** Whether the chat line {@code text} reaches this player within {@code wait}. */
        synchronized boolean hears(String text, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (unread.removeIf(f -> f.path("event").asString().equals("chat_message")
                        && f.path("data").path("text").asString().equals(text))) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                JsonNode frame = client.poll(Duration.ofNanos(left));
                if (frame != null) {
                    unread.add(frame);
                }
            }
        }

        /** The next chat line this player hears. */
        JsonNode heard() {
            return take("chat_message").get("data");
        }

        JsonNode take(String event) {
            return take(frame -> frame.path("event").asString().equals(event));
        }

        /** The first unread frame matching {@code wanted}, waiting for it (10 s); others stay unread. */
        synchronized JsonNode take(Predicate<JsonNode> wanted) {
            for (int i = 0; ; i++) {
                for (int j = 0; j < unread.size(); j++) {
                    if (wanted.test(unread.get(j))) {
                        return unread.remove(j);
                    }
                }
                if (i > 2000) {
                    throw new AssertionError("not received; unread: " + unread);
                }
                unread.add(client.next());
            }
        }

        int pendingChat() {
            return (int) unread.stream().filter(f -> f.path("event").asString().equals("chat_message")).count()
                    + client.pending();
        }

        void send(String event, Map<String, ?> data) {
            client.send(Contracts.json(Map.of("event", event, "data", data)));
        }

        void abort() {
            if (!client.isClosed()) {
                client.abort();
            }
        }
    }
}
