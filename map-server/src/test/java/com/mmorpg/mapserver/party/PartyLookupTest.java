package com.mmorpg.mapserver.party;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The party lookup against a real Redis holding parties as the gateway writes them ({@code party:<id>} a hash of
 * members plus {@code leader}, {@code party:of:<character id>} → the party id).
 */
class PartyLookupTest {

    private RedisDatabase redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private final List<Command.Parties> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        redis = TestRedis.newDatabase();
        client = RedisClient.create(redis.url());
        connection = client.connect();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void eachCharacterOfThisServerIsTheMemberOfThePartyRedisHasForItAndNoneOfAPartyThatIsGone() {
        connection.sync().hset("party:7", Map.of("leader", "101", "101", "Ann", "102", "Bo"));
        connection.sync().set("party:of:101", "7");
        connection.sync().set("party:of:102", "7");
        connection.sync().set("party:of:103", "8"); // party 8 disbanded a moment ago: its hash is gone
        connection.sync().set("party:of:900", "7"); // on another server: not asked for

        try (PartyLookup lookup = new PartyLookup(redis.url(), Duration.ofSeconds(2), () -> List.of("101", "102", "103", "104"),
                delivered::add)) {
            lookup.refresh();
        }

        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().partyOf()).containsExactlyInAnyOrderEntriesOf(Map.of("101", "7", "102", "7"));
    }

    @Test
    void redisAwayDeliversNothingCountsTheFailureAndTheNextRoundWorksAgain() throws Exception {
        int closed = ServiceProcess.freePort();
        try (PartyLookup lookup = new PartyLookup("redis://127.0.0.1:" + closed, Duration.ofMillis(500), () -> List.of("101"),
                delivered::add)) {
            lookup.refresh();
            lookup.refresh();
            assertThat(delivered).as("the world keeps what it knew").isEmpty();
            assertThat(lookup.failures()).isEqualTo(2);
        }
        connection.sync().hset("party:3", Map.of("leader", "101", "101", "Ann"));
        connection.sync().set("party:of:101", "3");
        try (PartyLookup lookup = new PartyLookup(redis.url(), Duration.ofSeconds(2), () -> List.of("101"), delivered::add)) {
            lookup.refresh();
            assertThat(lookup.failures()).isZero();
        }
        assertThat(delivered).singleElement().extracting(Command.Parties::partyOf).isEqualTo(Map.of("101", "3"));
    }

    @Test
    void noCharactersAsksRedisNothing() {
        try (PartyLookup lookup = new PartyLookup("redis://127.0.0.1:" + 1, Duration.ofMillis(200), List::of, delivered::add)) {
            lookup.refresh();
            assertThat(lookup.failures()).as("no connection needed").isZero();
        }
        assertThat(delivered).singleElement().extracting(Command.Parties::partyOf).isEqualTo(Map.of());
    }
}
