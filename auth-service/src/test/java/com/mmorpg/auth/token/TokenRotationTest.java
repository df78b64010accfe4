package com.mmorpg.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

class TokenRotationTest extends AuthIntegrationTest {

    @Test
    void refreshRotatesThePair() {
        AuthHttp.Response login = register();

        AuthHttp.Response refreshed = refresh(login.text("refresh_token"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refresh_token")).isNotEqualTo(login.text("refresh_token"));
        assertThat(refreshed.text("access_token")).isNotEqualTo(login.text("access_token"));
        assertThat(refreshed.text("user_id")).isEqualTo(login.text("user_id"));
        assertThat(refreshed.text("token_type")).isEqualTo("Bearer");
        assertThat(http.get("/characters", refreshed.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        AuthHttp.Response login = register();
        String first = login.text("refresh_token");
        String second = refresh(first).text("refresh_token");

        AuthHttp.Response reuse = refresh(first);

        assertProblem(reuse, 401, "INVALID_REFRESH_TOKEN");
        // The thief's copy and the owner's current token are both dead now.
        assertProblem(refresh(second), 401, "INVALID_REFRESH_TOKEN");
    }

    @Test
    void otherSessionsOfTheSameUserSurviveAFamilyRevocation() {
        String username = uniqueName("multi", 16);
        String firstSession = register(username, "correct-horse-1").text("refresh_token");
        String secondSession = http.post("/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}").text("refresh_token");
        refresh(firstSession);
        refresh(firstSession); // reuse: revokes the first family only

        assertThat(refresh(secondSession).status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() {
        AuthHttp.Response login = register();

        AuthHttp.Response logout = http.post("/auth/logout", "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}");

        assertThat(logout.status()).isEqualTo(204);
        assertProblem(refresh(login.text("refresh_token")), 401, "INVALID_REFRESH_TOKEN");
    }

    @Test
    void unknownOrMalformedRefreshTokensAre401Or400() {
        assertProblem(refresh("not-a-real-token"), 401, "INVALID_REFRESH_TOKEN");
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"\"}"), 400, "VALIDATION_FAILED");
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"" + "a".repeat(200) + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(http.post("/auth/refresh", "{}"), 400, "VALIDATION_FAILED");
        assertThat(http.post("/auth/logout", "{\"refresh_token\":\"never-issued\"}").status()).isEqualTo(204);
    }

    private AuthHttp.Response refresh(String token) {
        return http.post("/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }
}
