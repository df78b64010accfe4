package com.mmorpg.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.testsupport.SpringTestServers;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The console's logins and calls all come from world-directory's relay: with the internal key it
 * names each browser's address, and lockouts, login history and the audit count that address. Without
 * the key the header is nobody's word, and the connection's own address counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.passwords.bcrypt-cost=4",
        "auth.rate-limits.login-per-ip-per-minute=100",
        "auth.rate-limits.lockout-failures=5",
        "auth.rate-limits.lockout-window=10m",
        "ADMIN_USERNAME=relay_chief", "ADMIN_PASSWORD=relay-chief-password"})
@Timeout(120)
class RelayedClientAddressTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    AuthHttp http;

    @BeforeEach
    void client() {
        http = new AuthHttp(port);
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A call as the relay makes it: the internal key (or not) and the browser's address. */
    private AuthHttp.Response relayed(String path, String json, String bearer, String key, String browser) {
        HttpRequest.Builder request = http.builder(path, bearer, key).header(StaffContracts.CLIENT_ADDRESS_HEADER, browser);
        return http.send(json == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String credentials(String password) {
        return "{\"username\":\"relay_chief\",\"password\":\"" + password + "\"}";
    }

    @Test
    void fiveBadConsoleLoginsFromOneBrowserDoNotLockOutTheAdminOnAnother() {
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            assertThat(relayed("/auth/login", credentials("wrong-password-" + i), null, AuthHttp.INTERNAL_KEY, attacker)
                    .status()).isEqualTo(401);
        }
        assertThat(relayed("/auth/login", credentials("relay-chief-password"), null, AuthHttp.INTERNAL_KEY, attacker)
                .text("code")).as("the attacker's browser is locked out").isEqualTo("TOO_MANY_ATTEMPTS");

        String admin = address();
        AuthHttp.Response login = relayed("/auth/login", credentials("relay-chief-password"), null, AuthHttp.INTERNAL_KEY,
                admin);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String token = login.text("access_token");
        JsonNode player = relayed("/admin/players?query=relay_chief", null, token, AuthHttp.INTERNAL_KEY, admin).json().get(0);
        assertThat(player.get("last_logins").get(0).get("address").asString()).isEqualTo(admin);
        JsonNode audit = relayed("/admin/audit?limit=5", null, token, AuthHttp.INTERNAL_KEY, admin).json();
        assertThat(audit.get(0).get("action").asString()).isEqualTo("lookup");
        assertThat(audit.get(0).get("address").asString()).as("the audit's from column").isEqualTo(admin);
    }

    @Test
    void theAddressHeaderWithoutTheInternalKeyIsIgnored() {
        for (int i = 0; i < 5; i++) {
            // Each names another address: were it believed, no address would reach five failures.
            assertThat(relayed("/auth/login", credentials("wrong-password-" + i), null, null, address()).status())
                    .isEqualTo(401);
        }
        AuthHttp.Response fromHere = relayed("/auth/login", credentials("relay-chief-password"), null, null, address());
        assertThat(fromHere.status()).isEqualTo(429);
        assertThat(fromHere.text("code")).as("the connection's own address is locked out").isEqualTo("TOO_MANY_ATTEMPTS");
        AuthHttp.Response wrongKey = relayed("/auth/login", credentials("relay-chief-password"), null, "not-the-key", address());
        assertThat(wrongKey.text("code")).as("a wrong key is no key").isEqualTo("TOO_MANY_ATTEMPTS");

        // The relay, with the key, still gets the admin in from the admin's browser; a malformed address counts as none.
        String admin = address();
        assertThat(relayed("/auth/login", credentials("relay-chief-password"), null, AuthHttp.INTERNAL_KEY, admin).status())
                .isEqualTo(200);
        assertThat(relayed("/auth/login", credentials("relay-chief-password"), null, AuthHttp.INTERNAL_KEY, "evil.example")
                .status()).as("not an address: the connection's, which is locked out").isEqualTo(429);
    }
}
