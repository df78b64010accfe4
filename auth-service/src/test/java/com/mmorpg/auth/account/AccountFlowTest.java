package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccountFlowTest extends AuthIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void registerReturns201WithTokensAndUserId() {
        AuthHttp.Response response = register();

        assertThat(response.text("access_token")).isNotBlank();
        assertThat(response.text("refresh_token")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(response.text("token_type")).isEqualTo("Bearer");
        assertThat(response.json().get("expires_in").asLong()).isEqualTo(900);
        assertThat(response.json().get("user_id").isString()).isTrue();
        assertThat(response.text("user_id")).matches("[1-9][0-9]*");
    }

    @Test
    void accessTokenCarriesTheSeedClaims() {
        AuthHttp.Response response = register();

        String payload = new String(Base64.getUrlDecoder().decode(response.text("access_token").split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonNode claims = JsonMapper.builder().build().readTree(payload);
        assertThat(claims.get("userId").asString()).isEqualTo(response.text("user_id"));
        assertThat(claims.get("sub").asString()).isEqualTo(response.text("user_id"));
        assertThat(claims.get("jti").asString()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
    }

    @Test
    void duplicateUsernameIgnoringCaseIs409() {
        String username = uniqueName("Dup", 16);
        register(username, "correct-horse-1");

        AuthHttp.Response again = http.post("/auth/register",
                "{\"username\":\"" + username.toLowerCase() + "\",\"password\":\"another-pass-2\"}");

        assertProblem(again, 409, "USERNAME_TAKEN");
    }

    @Test
    void invalidUsernameIs400NamingTheField() {
        for (String bad : new String[] {"ab", "a".repeat(21), "bad name", "émile", "x;drop"}) {
            AuthHttp.Response response = http.post("/auth/register",
                    "{\"username\":\"" + bad + "\",\"password\":\"correct-horse-1\"}");

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.text("message")).startsWith("username:");
        }
    }

    @Test
    void passwordMustBe8To72Bytes() {
        String shortPassword = "1234567";
        String tooManyBytes = "é".repeat(37); // 37 characters, 74 bytes
        for (String bad : new String[] {shortPassword, tooManyBytes}) {
            AuthHttp.Response response = http.post("/auth/register",
                    "{\"username\":\"" + uniqueName("p", 12) + "\",\"password\":\"" + bad + "\"}");

            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.text("message")).startsWith("password:");
        }
        register(uniqueName("p", 12), "é".repeat(36)); // exactly 72 bytes is fine
    }

    @Test
    void missingFieldsWrongTypesUnknownFieldsAndBadJsonAre400() {
        assertProblem(http.post("/auth/register", "{\"username\":\"someone\"}"), 400, "VALIDATION_FAILED");
        assertProblem(http.post("/auth/register", "{\"username\":12345,\"password\":\"correct-horse-1\"}"), 400, "INVALID_REQUEST");
        assertProblem(http.post("/auth/register", "{\"username\":\"someone\",\"password\":\"correct-horse-1\",\"admin\":true}"),
                400, "INVALID_REQUEST");
        assertProblem(http.post("/auth/register", "{\"username\":"), 400, "INVALID_REQUEST");
        assertProblem(http.post("/auth/register", "[]"), 400, "INVALID_REQUEST");
        assertProblem(http.post("/auth/login", ""), 400, "INVALID_REQUEST");
    }

    @Test
    void loginWithRightPasswordReturns200AndTokens() {
        String username = uniqueName("Log", 16);
        AuthHttp.Response registered = register(username, "correct-horse-1");

        AuthHttp.Response login = http.post("/auth/login",
                "{\"username\":\"" + username.toUpperCase() + "\",\"password\":\"correct-horse-1\"}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("user_id")).isEqualTo(registered.text("user_id"));
        assertThat(login.text("access_token")).isNotBlank();
        assertThat(login.text("refresh_token")).isNotEqualTo(registered.text("refresh_token"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String username = uniqueName("w", 16);
        register(username, "correct-horse-1");

        AuthHttp.Response wrongPassword = http.post("/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"wrong-horse-1\"}");
        AuthHttp.Response unknownUser = http.post("/auth/login",
                "{\"username\":\"" + uniqueName("nobody", 16) + "\",\"password\":\"correct-horse-1\"}");

        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertProblem(unknownUser, 401, "INVALID_CREDENTIALS");
        assertThat(unknownUser.text("message")).isEqualTo(wrongPassword.text("message"));
    }

    @Test
    void unknownUserStillCostsOneBcryptVerification() {
        long before = meters.get("auth.bcrypt").timer().count();

        AuthHttp.Response response = http.post("/auth/login",
                "{\"username\":\"" + uniqueName("ghost", 16) + "\",\"password\":\"whatever-123\"}");

        assertProblem(response, 401, "INVALID_CREDENTIALS");
        assertThat(meters.get("auth.bcrypt").timer().count()).isEqualTo(before + 1);
    }

    @Test
    void overlongOrOddLoginInputIs401Not500() {
        assertProblem(http.post("/auth/login", "{\"username\":\"x y\",\"password\":\"" + "é".repeat(100) + "\"}"),
                401, "INVALID_CREDENTIALS");
        assertProblem(http.post("/auth/login", "{\"username\":\"" + "a".repeat(65) + "\",\"password\":\"x\"}"),
                400, "VALIDATION_FAILED");
    }
}
