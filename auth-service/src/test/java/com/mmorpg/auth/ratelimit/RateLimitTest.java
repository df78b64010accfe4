package com.mmorpg.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.testsupport.SpringTestServers;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a proxy (forward-headers-strategy=native, 127.0.0.1 trusted) each test plays a client
 * IP of its own through {@code X-Forwarded-For}, so the per-IP buckets of one test start full.
 * The buckets are in a real Redis; {@link SharedRateLimitTest} runs two instances on one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "auth.passwords.bcrypt-cost=4",
        "auth.rate-limits.login-per-ip-per-minute=8",
        "auth.rate-limits.register-per-ip-per-minute=3",
        "auth.rate-limits.lockout-failures=5",
        "auth.rate-limits.lockout-window=10m"})
class RateLimitTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    AuthHttp http;
    String clientIp;

    @BeforeEach
    void client() {
        http = new AuthHttp(port);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        clientIp = "203.0." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    @Test
    void registrationsPerIpAreLimitedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertStatus(register(name()), 201);
        }

        AuthHttp.Response limited = register(name());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    @Test
    void loginsPerIpAreLimited() {
        for (int i = 0; i < 8; i++) {
            assertStatus(login(name(), "whatever-pass"), 401);
        }

        AuthHttp.Response limited = login(name(), "whatever-pass");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("RATE_LIMITED");
    }

    @Test
    void fiveFailuresLockThatAddressOutOfTheUsernameButNotTheOwnerElsewhere() {
        String username = name();
        assertStatus(register(username), 201);
        for (int i = 0; i < 5; i++) {
            assertStatus(login(username, "wrong-password"), 401);
        }

        AuthHttp.Response locked = login(username, "correct-horse-1");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("code")).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(locked.header("Retry-After")).isPresent();
        clientIp = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254)); // the owner, at home
        assertStatus(login(username, "correct-horse-1"), 200);
    }

    @Test
    void anIpv6ClientRotatingThroughItsSlash64IsOneClient() {
        String network = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":7:";
        for (int i = 0; i < 8; i++) {
            clientIp = network + Integer.toHexString(i + 1) + ":0:0:" + Integer.toHexString(i * 7 + 3);
            assertStatus(login(name(), "whatever-pass"), 401);
        }
        clientIp = network + "ffff:ffff:ffff:ffff";

        AuthHttp.Response limited = login(name(), "whatever-pass");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("RATE_LIMITED");
    }

    @Test
    void aSuccessForgetsTheAddresssFailures() {
        String username = name();
        assertStatus(register(username), 201);
        for (int i = 0; i < 3; i++) {
            assertStatus(login(username, "wrong-password"), 401);
        }
        assertStatus(login(username, "correct-horse-1"), 200);
        // 3 + 4 failures would lock the address (5) if the success had not cleared the first three.

        for (int i = 0; i < 4; i++) {
            assertStatus(login(username, "wrong-password"), 401);
        }
    }

    @Test
    void unknownUsernamesLockTheSameWaySoNothingIsRevealed() {
        String ghost = name();
        for (int i = 0; i < 5; i++) {
            assertStatus(login(ghost, "wrong-password"), 401);
        }

        AuthHttp.Response locked = login(ghost, "wrong-password");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("code")).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    /** The status, with the answer's body in the failure message (which limit refused it, and why). */
    private static void assertStatus(AuthHttp.Response response, int expected) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(expected);
    }

    private AuthHttp.Response register(String username) {
        return post("/auth/register", "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}");
    }

    private AuthHttp.Response login(String username, String password) {
        return post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private AuthHttp.Response post(String path, String json) {
        return http.send(http.builder(path, null, null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String name() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "r" + HexFormat.of().formatHex(random);
    }
}
