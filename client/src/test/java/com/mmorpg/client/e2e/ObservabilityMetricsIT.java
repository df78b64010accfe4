package com.mmorpg.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mmorpg.client.auth.ApiException;
import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.bot.PlayBot;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.testsupport.BackendStack;
import com.mmorpg.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in deploy/observability use only metrics the
 * real services export: every metric name their expressions name appears in the scrapes of
 * auth-service, world-directory, the gateway and a map server after a player has played through
 * them (a journey, a refused login, a refused enter_world, a disconnect).
 */
class ObservabilityMetricsIT {

    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    /** Our metric families: what the dashboard and rules may name besides Prometheus's own "up". */
    private static final Pattern OURS = Pattern.compile("\\b((?:mmo|auth|gateway|directory)_[a-z0-9_]+)\\b");

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() throws Exception {
        Set<String> used = new TreeSet<>();
        for (Path file : new Path[] {OBSERVABILITY.resolve("grafana/dashboards/mmorpg.json"), OBSERVABILITY.resolve("alerts.yml")}) {
            Matcher names = OURS.matcher(Files.readString(file));
            while (names.find()) {
                used.add(names.group(1));
            }
        }
        assertThat(used).contains("mmo_map_channel_players", "gateway_enter_world_seconds_bucket", "auth_login_total");

        try (BackendStack stack = BackendStack.start(Path.of(".."), "gateway-obs")) {
            ServiceProcess map = stack.startMapServer(1);
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            new PlayBot(new PlayBot.Endpoints(stack.authUrl(), stack.gatewayUrl()), "obs_player", "correct-horse-obs",
                    line -> { }).play(() -> System.nanoTime() < until);
            assertThatThrownBy(() -> new AuthClient(stack.authUrl()).login("obs_player", "wrong-password-1"))
                    .isInstanceOf(ApiException.class);
            AuthClient auth = new AuthClient(stack.authUrl());
            auth.login("obs_player", "correct-horse-obs");
            try (GatewayClient gateway = GatewayClient.connect(stack.gatewayUrl(), auth.session().accessToken(), Duration.ofSeconds(10))) {
                assertThatThrownBy(() -> gateway.enterWorld("987654321")).isInstanceOf(RuntimeException.class);
            }

            String[] scrapes = {stack.authUrl() + "/actuator/prometheus", stack.worldUrl() + "/actuator/prometheus",
                    "http://127.0.0.1:" + stack.gatewayPort() + "/actuator/prometheus",
                    "http://127.0.0.1:" + stack.opsPortOf(map) + "/metrics"};
            // the player's disconnect and save reach the map server's counters a moment after it leaves
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exported(stack, scrapes)).containsAll(used));
        }
    }

    private static Set<String> exported(BackendStack stack, String[] urls) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String url : urls) {
            HttpResponse<String> scrape = stack.http().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(url).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }
}
