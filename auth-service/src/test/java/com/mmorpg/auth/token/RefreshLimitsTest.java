package com.mmorpg.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.SpringTestServers;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One account cannot grow the refresh-token table: refreshes are limited and used tokens pruned. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "auth.passwords.bcrypt-cost=4",
        "auth.rate-limits.refresh-per-family-per-minute=4",
        "auth.rate-limits.refresh-per-ip-per-minute=6",
        "auth.tokens.used-retention=1ms"})
class RefreshLimitsTest {

    private static PostgresDatabase database;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        database = SpringTestServers.postgres(registry);
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    SessionTokens sessions;

    AuthHttp http;
    String address;

    @BeforeEach
    void client() {
        http = new AuthHttp(port);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        address = "100.64." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    @Test
    void aFamilyRefreshesAFewTimesAMinuteAndUsedTokensArePruned() throws SQLException {
        AuthHttp.Response session = post("/auth/register", "{\"username\":\"" + name() + "\",\"password\":\"correct-horse-1\"}");
        String token = session.text("refresh_token");
        for (int i = 0; i < 4; i++) {
            AuthHttp.Response refreshed = refresh(token);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            token = refreshed.text("refresh_token");
        }

        AuthHttp.Response limited = refresh(token);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isPresent();
        String user = session.text("user_id");
        assertThat(tokens(user)).isEqualTo(5);
        sessions.deleteExpired();
        assertThat(tokens(user)).as("only the live token is left").isEqualTo(1);
    }

    @Test
    void oneAddressRefreshesAFewTimesAMinuteWhateverTheTokens() {
        for (int i = 0; i < 6; i++) {
            assertThat(refresh("no-such-token-" + i).status()).isEqualTo(401);
        }

        assertThat(refresh("no-such-token").status()).isEqualTo(429);
    }

    private int tokens(String user) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM refresh_tokens WHERE account_id = ?")) {
            count.setLong(1, Long.parseLong(user));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private AuthHttp.Response refresh(String token) {
        return post("/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }

    private AuthHttp.Response post(String path, String json) {
        return http.send(http.builder(path, null, null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String name() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "t" + HexFormat.of().formatHex(random);
    }
}
