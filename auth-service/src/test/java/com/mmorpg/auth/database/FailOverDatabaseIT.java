package com.mmorpg.auth.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.testsupport.PostgresDatabase;
import com.mmorpg.testsupport.ServiceProcess;
import com.mmorpg.testsupport.TestPostgres;
import com.mmorpg.testsupport.TestRedis;
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
 * A fail-over DATABASE_URL naming two PostgreSQL hosts, the first of them down (as docs/scaling.md
 * advises for a primary and its standby): the packaged service starts, and the driver serves from
 * the host that answers.
 */
class FailOverDatabaseIT {

    @Test
    void twoHostsOneDownStartAndServe() throws Exception {
        PostgresDatabase database = TestPostgres.newDatabase();
        int down = ServiceProcess.freePort();
        String url = "postgresql://" + database.username() + ":" + database.password() + "@127.0.0.1:" + down + ","
                + database.host() + ":" + database.port() + "/" + database.name();
        int port = ServiceProcess.freePort();
        try (ServiceProcess auth = ServiceProcess.start("auth-failover", Path.of("target/auth-service.jar"),
                Map.of("PORT", "" + port, "SERVER_ADDRESS", "127.0.0.1", "DATABASE_URL", url,
                        "REDIS_URL", TestRedis.newDatabase().url()),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))) {
            auth.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));

            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> classes = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/character-classes")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(classes.statusCode()).isEqualTo(200);
                assertThat(classes.body()).contains("\"name\"");
            }
        }
    }
}
