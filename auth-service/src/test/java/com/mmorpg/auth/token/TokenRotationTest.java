package com.mmorpg.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.time.Duration;
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
        String third = refresh(second).text("refresh_token"); // the thief refreshed on

        AuthHttp.Response reuse = refresh(first);

        assertProblem(reuse, 401, "INVALID_REFRESH_TOKEN");
        // The thief's copy and the owner's current token are both dead now.
        assertProblem(refresh(third), 401, "INVALID_REFRESH_TOKEN");
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/characters", login.text("access_token")).status() == 401);
    }

    @Test
    void aRetriedRefreshWhoseAnswerWasLostGetsTheSameTokenAndKeepsTheSession() {
        String first = register().text("refresh_token");
        AuthHttp.Response lost = refresh(first);

        AuthHttp.Response retry = refresh(first);

        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.text("refresh_token")).isEqualTo(lost.text("refresh_token"));
        assertThat(http.get("/characters", retry.text("access_token")).status()).isEqualTo(200);
        AuthHttp.Response next = refresh(retry.text("refresh_token"));
        assertThat(next.status()).isEqualTo(200);
        // Once the successor is used, the old token is a reuse again.
        assertProblem(refresh(first), 401, "INVALID_REFRESH_TOKEN");
        assertProblem(refresh(next.text("refresh_token")), 401, "INVALID_REFRESH_TOKEN");
    }

    @Test
    void otherSessionsOfTheSameUserSurviveAFamilyRevocation() {
        String username = uniqueName("multi", 16);
        String firstSession = register(username, "correct-horse-1").text("refresh_token");
        String secondSession = login(username).text("refresh_token");
        String rotated = refresh(firstSession).text("refresh_token");
        refresh(rotated);
        refresh(firstSession); // reuse: revokes the first family only

        assertThat(refresh(secondSession).status()).isEqualTo(200);
    }

    @Test
    void anAccountKeepsAtMostTenSessionsTheOldestGoesFirst() {
        String username = uniqueName("many", 16);
        AuthHttp.Response oldest = register(username, "correct-horse-1");
        String second = login(username).text("refresh_token");
        for (int i = 0; i < 9; i++) {
            assertThat(login(username).status()).isEqualTo(200);
        }

        assertProblem(refresh(oldest.text("refresh_token")), 401, "INVALID_REFRESH_TOKEN");
        assertThat(refresh(second).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/characters", oldest.text("access_token")).status() == 401);
    }

    @Test
    void aLoggedOutSessionsAccessTokenIsRefusedWithinASecond() {
        AuthHttp.Response login = register();
        assertThat(http.get("/characters", login.text("access_token")).status()).isEqualTo(200);

        http.post("/auth/logout", "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}");

        await().atMost(Duration.ofSeconds(3)).until(() -> http.get("/characters", login.text("access_token")).status() == 401);
    }

    private AuthHttp.Response login(String username) {
        return http.post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}");
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
