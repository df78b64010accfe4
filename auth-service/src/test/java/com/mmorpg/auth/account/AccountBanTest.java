package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountBanTest extends AuthIntegrationTest {

    @Test
    void aBanEndsEverySessionAndRefusesLoginUntilLifted() {
        String username = uniqueName("ban", 16);
        AuthHttp.Response session = register(username, "correct-horse-1");
        String user = session.text("user_id");

        java.time.Instant before = java.time.Instant.now();
        AuthHttp.Response banned = http.postInternal("/internal/accounts/" + user + "/ban",
                "{\"reason\":\"botting\",\"duration_seconds\":3600}", AuthHttp.INTERNAL_KEY);
        java.time.Instant after = java.time.Instant.now();

        assertThat(banned.status()).as(banned.body()).isEqualTo(200);
        // An hour from the ban, to the second (the stored time is truncated to whole seconds).
        assertThat(java.time.Instant.parse(banned.text("banned_until"))).isBetween(
                before.plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), after.plusSeconds(3600));
        assertProblem(refresh(session.text("refresh_token")), 401, "INVALID_REFRESH_TOKEN");
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/characters", session.text("access_token")).status() == 401);
        AuthHttp.Response refused = login(username, "correct-horse-1");
        assertProblem(refused, 403, "ACCOUNT_BANNED");
        assertThat(refused.text("banned_until")).isEqualTo(banned.text("banned_until"));
        assertProblem(login(username, "wrong-password"), 401, "INVALID_CREDENTIALS");

        assertThat(http.deleteInternal("/internal/accounts/" + user + "/ban", AuthHttp.INTERNAL_KEY).status()).isEqualTo(204);

        AuthHttp.Response again = login(username, "correct-horse-1");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(http.get("/characters", again.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void banEndpointsNeedTheInternalKeyAndAnAccount() {
        assertThat(http.postInternal("/internal/accounts/1/ban", "{\"reason\":\"x\"}", "wrong-key").status()).isEqualTo(401);
        assertProblem(http.postInternal("/internal/accounts/999999999/ban", "{\"reason\":\"x\"}", AuthHttp.INTERNAL_KEY),
                404, "ACCOUNT_NOT_FOUND");
        assertProblem(http.postInternal("/internal/accounts/1/ban", "{\"reason\":\"\"}", AuthHttp.INTERNAL_KEY),
                400, "VALIDATION_FAILED");
    }

    private AuthHttp.Response refresh(String token) {
        return http.post("/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }

    private AuthHttp.Response login(String username, String password) {
        return http.post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }
}
