package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.embedded.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service on its own PostgreSQL, which is then stopped under it: every endpoint that
 * needs the database, transactional or not, answers 503 STORE_UNAVAILABLE with Retry-After (never
 * 500, never a stack trace in an answer), and the service itself stays up.
 */
class DatabaseStoppedIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withTheDatabaseGoneRequestsAre503WithRetryAfterAndNoStackTrace() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral();
        postgres.ensureDatabase("mmorpg");
        int port = ServiceProcess.freePort();
        try (ServiceProcess auth = ServiceProcess.start("auth-db-stopped", Path.of("target/auth-service.jar"),
                Map.of("PORT", String.valueOf(port), "BCRYPT_COST", "4", "DATABASE_URL",
                        "postgresql://" + EmbeddedPostgresServer.USER + ":" + EmbeddedPostgresServer.PASSWORD + "@localhost:"
                                + postgres.port() + "/mmorpg"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))) {
            String base = "http://127.0.0.1:" + port;
            auth.awaitHealthy(base, Duration.ofSeconds(120));
            HttpResponse<String> registered = post(base + "/auth/register", "{\"username\":\"dbgone\",\"password\":\"correct-horse-1\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String token = registered.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

            postgres.close();

            HttpResponse<String> register = post(base + "/auth/register", "{\"username\":\"dbgone2\",\"password\":\"correct-horse-1\"}");
            HttpResponse<String> login = post(base + "/auth/login", "{\"username\":\"dbgone\",\"password\":\"correct-horse-1\"}");
            HttpResponse<String> characters = http.send(HttpRequest.newBuilder(URI.create(base + "/characters"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> create = http.send(HttpRequest.newBuilder(URI.create(base + "/characters"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Gone\",\"class_id\":\"1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (HttpResponse<String> response : List.of(register, login, characters, create)) {
                assertThat(response.statusCode()).as(response.uri() + " " + response.body() + "\n" + auth.tail()).isEqualTo(503);
                assertThat(response.body()).contains("\"code\":\"STORE_UNAVAILABLE\"").doesNotContain("\tat ", "Exception");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(auth.logText()).as("nothing fell through to the 500 handler").doesNotContain("Unhandled error");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/character-classes")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("what needs no database still answers").isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
