package com.mmorpg.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.service.secrets.InsecureConfigurationException;
import com.mmorpg.testsupport.SpringTestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code RATE_LIMIT_EXEMPT_LOOPBACK} (what start-dev.sh sets so {@code bot load} works from one
 * machine): loopback clients skip the per-address limits, every other address keeps them, and the
 * prod profile refuses to start with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "auth.passwords.bcrypt-cost=8",
        "auth.passwords.workers=1",
        "auth.passwords.queue-per-address=1",
        "auth.rate-limits.register-per-ip-per-minute=2",
        "auth.rate-limits.exempt-loopback=true"})
class LoopbackExemptionTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void loopbackRegistersPastThePerAddressLimitOtherAddressesDoNot() {
        AuthHttp http = new AuthHttp(port);
        for (int i = 0; i < 5; i++) {
            assertThat(register(http, null).status()).isEqualTo(201);
        }

        String elsewhere = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254));
        assertThat(register(http, elsewhere).status()).isEqualTo(201);
        assertThat(register(http, elsewhere).status()).isEqualTo(201);
        assertThat(register(http, elsewhere).status()).isEqualTo(429);
    }

    @Test
    void loopbackRequestsDoNotShareOneAddresssPlaceInTheBcryptQueue() throws Exception {
        AuthHttp http = new AuthHttp(port);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<AuthHttp.Response>>();
            for (int i = 0; i < 12; i++) { // one bcrypt worker: they queue, far past one per address
                answers.add(pool.submit(() -> register(http, null)));
            }
            for (var answer : answers) {
                assertThat(answer.get().status()).isEqualTo(201);
            }
        }
        String elsewhere = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<AuthHttp.Response>>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> register(http, elsewhere)));
            }
            long refused = 0;
            for (var answer : answers) {
                refused += answer.get().status() == 429 ? 1 : 0;
            }
            assertThat(refused).isPositive(); // its per-minute limit (2) and its one place in the queue
        }
    }

    @Test
    void theProdProfileRefusesTheExemption() {
        RateLimitProperties limits = new RateLimitProperties(1, 1, 1, 1, 5, Duration.ofMinutes(10),
                Duration.ofMillis(250), Duration.ofSeconds(4), 1000, true);
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> new LoginGuard(limits, null, new SimpleMeterRegistry(), prod))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("RATE_LIMIT_EXEMPT_LOOPBACK");
    }

    private static AuthHttp.Response register(AuthHttp http, String forwardedFor) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        HttpRequest.Builder request = http.builder("/auth/register", null, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"x" + HexFormat.of().formatHex(random) + "\",\"password\":\"correct-horse-1\"}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request);
    }
}
