package com.mmorpg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TestRedisTest {

    @Test
    void eachCallGetsItsOwnLogicalDatabase() {
        RedisDatabase first = TestRedis.newDatabase();
        RedisDatabase second = TestRedis.newDatabase();

        assertThat(first.index()).isNotEqualTo(second.index());
        withRedis(first, redis -> redis.set("map-server-1", "{\"port\":4001}"));
        withRedis(second, redis -> assertThat(redis.get("map-server-1")).isNull());
        withRedis(first, redis -> assertThat(redis.get("map-server-1")).isEqualTo("{\"port\":4001}"));
    }

    @Test
    void handedOutDatabaseIsFlushed() {
        RedisDatabase database = TestRedis.newDatabase();
        withRedis(database, redis -> redis.setex("leftover", 60, "x"));

        TestRedis.flush(database);

        withRedis(database, redis -> assertThat(redis.dbsize()).isZero());
    }

    @Test
    void serverIsRealRedisWithTtlSupport() {
        RedisDatabase database = TestRedis.newDatabase();

        withRedis(database, redis -> {
            assertThat(redis.info("server")).contains("redis_version:");
            redis.setex("map-server-2", 30, "{}");
            assertThat(redis.ttl("map-server-2")).isBetween(1L, 30L);
        });
    }

    static void withRedis(RedisDatabase database, Consumer<RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create(database.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
