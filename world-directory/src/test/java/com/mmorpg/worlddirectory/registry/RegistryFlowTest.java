package com.mmorpg.worlddirectory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.testsupport.SpringTestServers;
import com.mmorpg.worlddirectory.DirectoryHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The registry over real HTTP on real Redis, with a 6 s TTL: short enough to watch expire, long enough
 * that a machine stalling for a few seconds between two steps does not expire a server early.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "directory.server-ttl=6s")
class RegistryFlowTest {

    private static final AtomicInteger MAPS = new AtomicInteger(100);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    DirectoryHttp http;
    int map;

    @BeforeEach
    void setUp() {
        http = new DirectoryHttp(port);
        map = MAPS.incrementAndGet(); // each test works on maps nobody else uses
    }

    @Test
    void registerStoresTheSeedLayoutWithTtl() {
        DirectoryHttp.Response response = register("map-server-" + map, map, 100, null);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.text("id")).isEqualTo("map-server-" + map);
        String stored = redis.opsForValue().get("map-server-" + map);
        assertThat(stored).contains("\"port\":4001").contains("\"supported_maps\":[" + map + "]").contains("\"max_players\":100");
        assertThat(redis.getExpire("map-server-" + map)).isBetween(1L, 6L);
        assertThat(redis.opsForSet().isMember("map:" + map + ":servers", "map-server-" + map)).isTrue();
    }

    @Test
    void lookupReturnsTheServerOfTheMap() {
        register("map-server-" + map, map, 100, null);

        DirectoryHttp.Response found = http.get("/map-registry/map/" + map);

        assertThat(found.status()).isEqualTo(200);
        JsonNode server = found.json();
        assertThat(server.get("id").asString()).isEqualTo("map-server-" + map);
        assertThat(server.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(server.get("port").asInt()).isEqualTo(4001);
        assertThat(server.get("current_players").asInt()).isZero();
        assertThat(server.get("max_players").asInt()).isEqualTo(100);
    }

    @Test
    void heartbeatRefreshesTtlAndCountsThenExpiryGives404AndCleansTheIndex() {
        String id = "map-server-" + map;
        register(id, map, 100, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.getExpire(id) <= 4);

        DirectoryHttp.Response beat = http.post("/map-registry/heartbeat", "{\"id\":\"" + id + "\",\"current_players\":7,\"load\":7}");

        assertThat(beat.status()).isEqualTo(200);
        assertThat(redis.getExpire(id)).as("refreshed to the whole TTL").isGreaterThan(4L);
        assertThat(http.get("/map-registry/map/" + map).json().get("current_players").asInt()).isEqualTo(7);

        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/map-registry/map/" + map).status() == 404);
        assertThat(http.get("/map-registry/map/" + map).text("code")).as("map %d is not in the content folder", map)
                .isEqualTo("UNKNOWN_MAP");
        assertThat(redis.opsForSet().isMember("map:" + map + ":servers", id)).isFalse();
        DirectoryHttp.Response late = http.post("/map-registry/heartbeat", "{\"id\":\"" + id + "\",\"current_players\":1,\"load\":1}");
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.text("code")).isEqualTo("SERVER_NOT_REGISTERED");
    }

    @Test
    void aCallerNamingAContentVersionGetsOnlyAServerRunningItAndOtherwiseAClearCountedRefusal() {
        String ours = "00000000000000aa";
        String theirs = "00000000000000bb";
        assertThat(http.post("/map-registry/register", registration("map-server-" + map + "old", map, theirs)).status()).isEqualTo(201);
        double refusedBefore = refusedForContent();

        DirectoryHttp.Response refused = http.get("/map-registry/map/" + map + "?content_version=" + ours);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("CONTENT_MISMATCH");
        assertThat(refused.text("message")).contains("map-server-" + map + "old=" + theirs, ours + " (auth-service's)", "CONTENT_DIR");
        assertThat(refusedForContent()).isEqualTo(refusedBefore + 1);

        assertThat(http.post("/map-registry/register", registration("map-server-" + map + "new", map, ours)).status()).isEqualTo(201);
        assertThat(http.get("/map-registry/map/" + map + "?content_version=" + ours).text("id")).isEqualTo("map-server-" + map + "new");
        assertThat(http.get("/map-registry/map/" + map + "?content_version=" + theirs).text("id")).isEqualTo("map-server-" + map + "old");
        assertThat(http.get("/map-registry/map/" + map + "?content_version=not-a-version").status()).isEqualTo(400);
        assertThat(http.post("/map-registry/register", registration("map-server-" + map + "bad", map, "v1")).status()).isEqualTo(400);
        assertThat(refusedForContent()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aMapWithoutAServerIsMapNotFoundAndOneTheWorldDoesNotHaveIsUnknown() {
        DirectoryHttp.Response unknown = http.get("/map-registry/map/99999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("UNKNOWN_MAP");
        assertThat(unknown.text("message")).isEqualTo("The world has no map 99999 (its maps: [1, 2, 3])");

        int inTheWorld = 3; // of the shipped content; no test of this class registers a server for it
        DirectoryHttp.Response serverless = http.get("/map-registry/map/" + inTheWorld);
        assertThat(serverless.status()).isEqualTo(404);
        assertThat(serverless.text("code")).isEqualTo("MAP_NOT_FOUND");
    }

    private double refusedForContent() {
        return meters.get("directory.allocations.refused").tag("reason", "content_mismatch").counter().count();
    }

    private static String registration(String id, int mapId, String contentVersion) {
        return "{\"id\":\"" + id + "\",\"ip\":\"127.0.0.1\",\"port\":4001,\"supported_maps\":[" + mapId + "],"
                + "\"max_players\":100,\"content_version\":\"" + contentVersion + "\"}";
    }

    @Test
    void leastLoadedOfThreeServersIsChosen() {
        register("map-server-" + map + "a", map, 100, null);
        register("map-server-" + map + "b", map, 100, null);
        register("map-server-" + map + "c", map, 50, null);
        heartbeat("map-server-" + map + "a", 60);
        heartbeat("map-server-" + map + "b", 20);
        heartbeat("map-server-" + map + "c", 10);

        assertThat(http.get("/map-registry/map/" + map).text("id")).isEqualTo("map-server-" + map + "b");
        heartbeat("map-server-" + map + "b", 95);
        assertThat(http.get("/map-registry/map/" + map).text("id")).isEqualTo("map-server-" + map + "c");
    }

    @Test
    void fullMapIs503() {
        register("map-server-" + map, map, 10, null);
        heartbeat("map-server-" + map, 10);

        DirectoryHttp.Response full = http.get("/map-registry/map/" + map);

        assertThat(full.status()).isEqualTo(503);
        assertThat(full.text("code")).isEqualTo("MAP_FULL");
    }

    @Test
    void drainingServersGetNoPlayers() {
        register("map-server-" + map + "old", map, 100, "DRAINING");
        assertThat(http.get("/map-registry/map/" + map).status()).isEqualTo(404);

        register("map-server-" + map + "new", map, 100, "ACTIVE");
        assertThat(http.get("/map-registry/map/" + map).text("id")).isEqualTo("map-server-" + map + "new");
    }

    @Test
    void reRegisteringReplacesAndDropsMapsNoLongerServed() {
        String id = "map-server-" + map;
        register(id, map, 100, null);
        int other = MAPS.incrementAndGet();

        register(id, other, 100, null);

        assertThat(http.get("/map-registry/map/" + map).status()).isEqualTo(404);
        assertThat(redis.opsForSet().isMember("map:" + map + ":servers", id)).isFalse();
        assertThat(http.get("/map-registry/map/" + other).text("id")).isEqualTo(id);
    }

    @Test
    void deleteIsIdempotentAndServersListsTheLiveOnes() {
        String id = "map-server-" + map;
        register(id, map, 100, null);
        JsonNode listing = http.get("/map-registry/servers").json();
        assertThat(listing.toString()).contains(id).contains("ttl_seconds");

        assertThat(http.delete("/map-registry/server/" + id).status()).isEqualTo(204);
        assertThat(http.delete("/map-registry/server/" + id).status()).isEqualTo(204);

        assertThat(redis.hasKey(id)).isFalse();
        assertThat(http.get("/map-registry/map/" + map).status()).isEqualTo(404);
        assertThat(http.get("/map-registry/servers").body()).doesNotContain("\"" + id + "\"");
    }

    @Test
    void everyFieldIsValidated() {
        String valid = "{\"id\":\"map-server-v\",\"name\":\"V\",\"ip\":\"10.0.0.5\",\"port\":4001,\"supported_maps\":[1],\"max_players\":100}";
        assertThat(http.post("/map-registry/register", valid).status()).isEqualTo(201);
        assertThat(http.post("/map-registry/register", valid.replace("10.0.0.5", "::1")).status()).isEqualTo(201);
        assertThat(http.post("/map-registry/register", valid.replace("10.0.0.5", "map-1.game.internal")).status()).isEqualTo(201);

        assertInvalid(valid.replace("map-server-v", "server-1"), "id");
        assertInvalid(valid.replace("map-server-v", "map-server-" + "x".repeat(49)), "id");
        assertInvalid(valid.replace("\"port\":4001", "\"port\":0"), "port");
        assertInvalid(valid.replace("\"port\":4001", "\"port\":65536"), "port");
        assertInvalid(valid.replace("10.0.0.5", "300.1.1.1"), "ip");
        assertInvalid(valid.replace("10.0.0.5", "bad host!"), "ip");
        assertInvalid(valid.replace("[1]", "[]"), "supported_maps");
        assertInvalid(valid.replace("[1]", "[" + "1,".repeat(64) + "1]"), "supported_maps");
        assertInvalid(valid.replace("\"max_players\":100", "\"max_players\":0"), "max_players");
        assertInvalid(valid.replace("\"max_players\":100", "\"max_players\":10001"), "max_players");
        assertThat(http.post("/map-registry/register", valid.replace("\"port\":4001", "\"port\":\"x\"")).status()).isEqualTo(400);
        assertThat(http.post("/map-registry/register", valid.replace("}", ",\"admin\":true}")).status()).isEqualTo(400);
        assertThat(http.post("/map-registry/register", "{not json").status()).isEqualTo(400);
        assertThat(http.post("/map-registry/register", valid.replace("\"V\"", "\"" + "v".repeat(20_000) + "\"")).status())
                .isEqualTo(413);
        assertThat(http.post("/map-registry/heartbeat", "{\"id\":\"map-server-v\",\"current_players\":-1}").status()).isEqualTo(400);
        assertThat(http.get("/map-registry/map/abc").status()).isEqualTo(404);
    }

    @Test
    void everyRouteNeedsTheInternalKey() {
        assertThat(http.send(http.request("/map-registry/map/1", null).GET()).status()).isEqualTo(401);
        assertThat(http.send(http.request("/map-registry/servers", "wrong").GET()).status()).isEqualTo(401);
        assertThat(http.send(http.request("/map-registry/register", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(401);
        assertThat(http.send(http.request("/map-registry/server/map-server-1", null).DELETE()).status()).isEqualTo(401);
    }

    private void assertInvalid(String json, String field) {
        DirectoryHttp.Response response = http.post("/map-registry/register", json);
        assertThat(response.status()).as(json).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.text("message")).as(json).contains(field);
    }

    private DirectoryHttp.Response register(String id, int mapId, int maxPlayers, String state) {
        String json = "{\"id\":\"" + id + "\",\"name\":\"Map Server " + mapId + "\",\"ip\":\"127.0.0.1\",\"port\":4001,"
                + "\"supported_maps\":[" + mapId + "],\"max_players\":" + maxPlayers
                + (state == null ? "" : ",\"state\":\"" + state + "\"") + "}";
        DirectoryHttp.Response response = http.post("/map-registry/register", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private void heartbeat(String id, int players) {
        assertThat(http.post("/map-registry/heartbeat", "{\"id\":\"" + id + "\",\"current_players\":" + players + ",\"load\":"
                + players + "}").status()).isEqualTo(200);
    }
}
