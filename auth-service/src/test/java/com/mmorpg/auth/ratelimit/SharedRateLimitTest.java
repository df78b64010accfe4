package com.mmorpg.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthServiceApplication;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.RedisDatabase;
import com.mmorpg.testsupport.TestPostgres;
import com.mmorpg.testsupport.TestRedis;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two auth-service instances on one PostgreSQL and one Redis, as two replicas behind a load
 * balancer: every limit counts requests to both.
 */
class SharedRateLimitTest {

    private static final int LOGINS_PER_MINUTE = 100;
    private static final int LOCKOUT_FAILURES = 5;
    private static final Duration FAILURE_DELAY = Duration.ofMillis(400);

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static AuthHttp one;
    private static AuthHttp two;

    @BeforeAll
    static void twoReplicas() {
        PostgresDatabase database = TestPostgres.newDatabase();
        RedisDatabase redis = TestRedis.newDatabase();
        first = start(database, redis);
        second = start(database, redis);
        one = new AuthHttp(port(first));
        two = new AuthHttp(port(second));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {second, first}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void thePerAddressLimitCountsRequestsToBothReplicas() {
        String address = address();
        int admitted = 0;
        for (int i = 0; i < 2 * LOGINS_PER_MINUTE; i++) {
            AuthHttp replica = i % 2 == 0 ? one : two;
            int status = login(replica, address, name(), "whatever-pass").status();
            if (status == 429) {
                break;
            }
            assertThat(status).as("login %d", i + 1).isEqualTo(401);
            admitted++;
        }

        // Per-replica buckets would admit 2 x 100; shared ones 100 and what refilled meanwhile (100 a minute).
        assertThat(admitted).isBetween(LOGINS_PER_MINUTE, LOGINS_PER_MINUTE + 20);
        // Both replicas refuse the address now. The bucket refills one login every 600 ms, so on a slow
        // machine one of the next few may pass: a replica must refuse within three in a row.
        for (AuthHttp replica : List.of(one, two)) {
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < 3 && !next.contains(429); i++) {
                next.add(login(replica, address, name(), "whatever-pass").status());
            }
            assertThat(next).contains(429);
        }
    }

    @Test
    void sixtyConcurrentWrongGuessesOnTwoReplicasCountSixty() throws Exception {
        String username = name();
        assertThat(register(one, address(), username).status()).isEqualTo(201);
        String attacker = address();
        int guesses = 30; // per replica
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2 * guesses; i++) {
                AuthHttp replica = i % 2 == 0 ? one : two;
                answers.add(threads.submit(() -> {
                    start.await();
                    return login(replica, attacker, username, "wrong-password").status();
                }));
            }
            start.countDown();
            Map<Integer, Long> byStatus = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                byStatus.merge(answer.get(), 1L, Long::sum);
            }

            // Exactly five guesses reached bcrypt; every other one was refused before it, on either replica.
            assertThat(byStatus).containsEntry(401, (long) LOCKOUT_FAILURES);
            assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
            assertThat(byStatus.keySet()).containsOnly(401, 429);
        }
        assertThat(login(two, address(), username, "correct-horse-1").status())
                .as("the owner, from an address that never failed").isEqualTo(200);
    }

    @Test
    void guessingOneNameFromManyAddressesIsSlowedButTheOwnerIsNot() {
        String username = name();
        assertThat(register(one, address(), username).status()).isEqualTo(201);
        for (int i = 0; i < LOCKOUT_FAILURES; i++) {
            assertThat(login(i % 2 == 0 ? one : two, address(), username, "wrong-password").status()).isEqualTo(401);
        }

        long started = System.nanoTime();
        AuthHttp.Response slowed = login(two, address(), username, "wrong-password");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(slowed.status()).isEqualTo(401);
        assertThat(took).isGreaterThanOrEqualTo(FAILURE_DELAY);
        assertThat(login(one, address(), username, "correct-horse-1").status()).isEqualTo(200);
    }

    private static ConfigurableApplicationContext start(PostgresDatabase database, RedisDatabase redis) {
        // Command-line arguments: they outrank application.yml, as an operator's flags would.
        return new SpringApplicationBuilder(AuthServiceApplication.class).run(
                "--server.port=0",
                "--server.forward-headers-strategy=native",
                "--DATABASE_URL=" + database.url(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.data.redis.url=" + redis.url(),
                "--auth.passwords.bcrypt-cost=4",
                "--auth.passwords.queue-capacity=200",
                "--auth.passwords.queue-per-address=100",
                "--auth.rate-limits.login-per-ip-per-minute=" + LOGINS_PER_MINUTE,
                "--auth.rate-limits.lockout-failures=" + LOCKOUT_FAILURES,
                "--auth.rate-limits.failure-delay=" + FAILURE_DELAY.toMillis() + "ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static AuthHttp.Response register(AuthHttp replica, String address, String username) {
        return post(replica, address, "/auth/register", "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}");
    }

    private static AuthHttp.Response login(AuthHttp replica, String address, String username, String password) {
        return post(replica, address, "/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static AuthHttp.Response post(AuthHttp replica, String address, String path, String json) {
        return replica.send(replica.builder(path, null, null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String name() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "s" + HexFormat.of().formatHex(random);
    }
}
