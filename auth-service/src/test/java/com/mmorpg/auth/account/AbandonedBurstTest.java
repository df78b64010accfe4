package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The real service after a burst it cannot serve: more registrations than the bcrypt queue holds,
 * half from clients that give up after 100 ms, half that wait for the service's answer (cost 13 takes
 * far longer than the 200 ms wait, so most are turned away or time out in the queue). The service
 * used to time out hashes a worker was running and cancel them with an interrupt that ended the
 * worker for good; after such a burst every login answered 503 (this test failed that way).
 */
@TestPropertySource(properties = {
        "auth.passwords.bcrypt-cost=13",
        "auth.passwords.workers=2",
        "auth.passwords.queue-capacity=8",
        "auth.passwords.queue-per-address=8",
        "auth.passwords.max-wait=200ms"})
class AbandonedBurstTest extends AuthIntegrationTest {

    private static final Pattern GAUGE = Pattern.compile("(?m)^(auth_bcrypt_\\w+)\\{[^}]*} ([0-9.E+-]+)$");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Timeout(120)
    void aLoginOnTheIdleServiceSucceedsAfterABurstOfAbandonedAndTimedOutHashes() throws Exception {
        // A player registered before the burst: a cheap stored hash, so the login itself fits the 200 ms wait.
        String player = uniqueName("p", 16);
        jdbc.update("INSERT INTO accounts (username, password_hash) VALUES (?, ?)", player,
                new BCryptPasswordEncoder(4).encode("correct-horse-1"));
        String credentials = "{\"username\":\"" + player + "\",\"password\":\"correct-horse-1\"}";
        assertThat(http.post("/auth/login", credentials).status()).as("before the burst").isEqualTo(200);

        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<Integer>> waited = new ArrayList<>();
        List<CompletableFuture<Integer>> abandoned = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean givesUp = i % 2 == 0;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + uniqueName("b", 16) + "\",\"password\":\"correct-horse-1\"}"));
            if (givesUp) {
                request.timeout(Duration.ofMillis(100));
            }
            CompletableFuture<Integer> status = client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode).exceptionally(e -> -1);
            (givesUp ? abandoned : waited).add(status);
        }
        CompletableFuture.allOf(waited.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(abandoned.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(waited).extracting(CompletableFuture::join).contains(503);
        assertThat(abandoned).extracting(CompletableFuture::join).contains(-1);

        // The hashes already running end on their own; then the service is idle.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> gauge("auth_bcrypt_running") == 0 && gauge("auth_bcrypt_queue") == 0);

        long started = System.nanoTime();
        AuthHttp.Response login = http.post("/auth/login", credentials);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(tookMillis).isLessThan(1000);
        assertThat(gauge("auth_bcrypt_workers_alive")).isEqualTo(2);
        AuthHttp.Response readiness = http.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().at("/components/passwordHashing/status").asString()).isEqualTo("UP");
    }

    private double gauge(String name) {
        Matcher line = GAUGE.matcher(http.get("/actuator/prometheus", null).body());
        while (line.find()) {
            if (line.group(1).equals(name)) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError(name + " is not exported");
    }
}
