package com.mmorpg.worlddirectory.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.testsupport.SpringTestServers;
import com.mmorpg.worlddirectory.DirectoryHttp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "directory.session-ttl=2s")
class SessionFlowTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    DirectoryHttp http;

    @BeforeEach
    void client() {
        http = new DirectoryHttp(port);
    }

    @Test
    void secondLoginNamesTheGatewayOfTheReplacedSession() {
        String user = user();

        DirectoryHttp.Response first = online(user, "gateway-1");
        DirectoryHttp.Response second = online(user, "gateway-2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("replaced").isNull()).isTrue();
        assertThat(first.text("userId")).isEqualTo(user);
        assertThat(first.json().get("since").asLong()).isPositive();
        assertThat(second.text("replaced")).isEqualTo("gateway-1");
        assertThat(http.get("/session/" + user).text("gatewayId")).isEqualTo("gateway-2");
    }

    @Test
    void lateDisconnectFromTheOldGatewayKeepsTheNewSession() {
        String user = user();
        online(user, "gateway-1");
        online(user, "gateway-2");

        assertThat(http.delete("/session/" + user + "?gatewayId=gateway-1").status()).isEqualTo(204);
        assertThat(http.get("/session/" + user).status()).isEqualTo(200);

        assertThat(http.delete("/session/" + user + "?gatewayId=gateway-2").status()).isEqualTo(204);
        DirectoryHttp.Response gone = http.get("/session/" + user);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text("code")).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void sessionsOfASilentGatewayExpireAndStopCounting() {
        String user = user();
        online(user, "gateway-dead");
        long online = http.get("/session").json().get("online").asLong();
        assertThat(online).isPositive();

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/session/" + user).status() == 404);
        assertThat(http.get("/session").json().get("online").asLong()).isLessThan(online);
    }

    @Test
    void refreshKeepsOwnedSessionsAliveAndReportsLostOnes() {
        String kept = user();
        String stolen = user();
        online(kept, "gateway-a");
        online(stolen, "gateway-a");
        online(stolen, "gateway-b");

        DirectoryHttp.Response refreshed = http.post("/session/refresh",
                "{\"gatewayId\":\"gateway-a\",\"userIds\":[\"" + kept + "\",\"" + stolen + "\"]}");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("refreshed").asInt()).isEqualTo(1);
        assertThat(refreshed.json().get("lost").get(0).asString()).isEqualTo(stolen);
        // Kept alive by refreshing past the 2 s TTL.
        for (int i = 0; i < 3; i++) {
            long until = System.nanoTime() + 900_000_000L;
            await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() >= until);
            http.post("/session/refresh", "{\"gatewayId\":\"gateway-a\",\"userIds\":[\"" + kept + "\"]}");
        }
        assertThat(http.get("/session/" + kept).status()).isEqualTo(200);
    }

    @Test
    void aSessionThatExpiredDuringAnOutageIsRestoredForItsGatewayNotReportedLost() {
        String survivor = user();
        String movedOn = user();
        online(survivor, "gateway-a");
        online(movedOn, "gateway-a");
        // The outage: nobody refreshed past the TTL; meanwhile one user logged in through another gateway.
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/session/" + survivor).status() == 404);
        online(movedOn, "gateway-b");

        DirectoryHttp.Response refreshed = http.post("/session/refresh",
                "{\"gatewayId\":\"gateway-a\",\"userIds\":[\"" + survivor + "\",\"" + movedOn + "\"]}");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("restored")).extracting(n -> n.asString()).containsExactly(survivor);
        assertThat(refreshed.json().get("lost")).extracting(n -> n.asString()).containsExactly(movedOn);
        assertThat(http.get("/session/" + survivor).json().get("gatewayId").asString()).isEqualTo("gateway-a");
    }

    @Test
    void badInputIsRefused() {
        assertThat(http.post("/session/online", "{\"userId\":\"1\"}").status()).isEqualTo(400);
        assertThat(http.post("/session/online", "{\"userId\":\"has space\",\"gatewayId\":\"g\"}").status()).isEqualTo(400);
        assertThat(http.post("/session/online", "{\"userId\":5,\"gatewayId\":\"g\"}").status()).isEqualTo(400);
        assertThat(http.post("/session/online", "[").status()).isEqualTo(400);
        assertThat(http.send(http.request("/session", null).GET()).status()).isEqualTo(401);
        assertThat(http.send(http.request("/session/online", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"userId\":\"1\",\"gatewayId\":\"g\"}"))).status())
                .isEqualTo(401);
    }

    private DirectoryHttp.Response online(String user, String gateway) {
        DirectoryHttp.Response response = http.post("/session/online", "{\"userId\":\"" + user + "\",\"gatewayId\":\"" + gateway + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String user() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
