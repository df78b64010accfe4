package com.mmorpg.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Wires the real test servers into a Spring test. Each call makes a fresh database, and Spring
 * calls a test class's {@code @DynamicPropertySource} method once per context, so every test class
 * gets data of its own:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void servers(DynamicPropertyRegistry registry) {
 *     SpringTestServers.postgres(registry);
 * }
 * }</pre>
 */
public final class SpringTestServers {

    private SpringTestServers() {
    }

    /** A new database behind {@code spring.datasource.*} (and the seed's {@code DATABASE_URL}). */
    public static PostgresDatabase postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase database = TestPostgres.newDatabase();
        registry.add("DATABASE_URL", database::url);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        return database;
    }

    /** A clean logical database behind {@code spring.data.redis.*} (and {@code REDIS_URL}). */
    public static RedisDatabase redis(DynamicPropertyRegistry registry) {
        RedisDatabase database = TestRedis.newDatabase();
        registry.add("REDIS_URL", database::url);
        registry.add("spring.data.redis.url", database::url);
        registry.add("spring.data.redis.host", database::host);
        registry.add("spring.data.redis.port", database::port);
        registry.add("spring.data.redis.database", database::index);
        return database;
    }
}
