package com.mmorpg.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.SpringTestServers;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the auth-service integration tests: the real service on a random port, over real HTTP,
 * on a real PostgreSQL database of its own. Subclasses share one context (and database), so every
 * test makes its own users and characters with fresh names. Limits are raised so that the tests,
 * all from 127.0.0.1, are not rate-limited; {@code RateLimitTest} checks the limits themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.passwords.bcrypt-cost=4",
        "auth.rate-limits.login-per-ip-per-minute=100000",
        "auth.rate-limits.register-per-ip-per-minute=100000",
        "auth.rate-limits.refresh-per-ip-per-minute=100000",
        "auth.rate-limits.lockout-failures=1000"})
public abstract class AuthIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    protected int port;

    protected AuthHttp http;

    @BeforeEach
    void client() {
        http = new AuthHttp(port);
    }

    protected static String uniqueName(String prefix, int length) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        String name = prefix + HexFormat.of().formatHex(random);
        return name.substring(0, Math.min(length, name.length()));
    }

    /** Registers a fresh user; returns the token response. */
    protected AuthHttp.Response register() {
        return register(uniqueName("u", 16), "correct-horse-1");
    }

    protected AuthHttp.Response register(String username, String password) {
        AuthHttp.Response response = http.post("/auth/register",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    protected AuthHttp.Response createCharacter(String accessToken, String name, int classId) {
        return http.post("/characters", "{\"name\":\"" + name + "\",\"class_id\":\"" + classId + "\"}", accessToken);
    }

    protected static void assertProblem(AuthHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.json().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.text("message")).isNotBlank();
    }
}
