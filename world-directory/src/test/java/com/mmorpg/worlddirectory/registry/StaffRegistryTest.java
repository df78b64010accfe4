package com.mmorpg.worlddirectory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.common.token.LiveViewCredentials;
import com.mmorpg.testsupport.SpringTestServers;
import com.mmorpg.testsupport.http.Contracts;
import com.mmorpg.testsupport.http.HttpStub;
import com.mmorpg.worlddirectory.DirectoryHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The staff routes on real Redis, with a stand-in for auth-service that says who holds each token
 * and records the audit: who may see and drain map servers, and what a drain does to allocation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffRegistryTest {

    private static final HttpStub AUTH = auth();

    private static HttpStub auth() {
        try {
            HttpStub stub = new HttpStub();
            stub.fallbackCalls(call -> {
                if (call.is("GET /items")) {
                    return new HttpStub.Answer(200, "{\"version\":\"v\",\"items\":[]}", 0);
                }
                if (!call.is("GET /admin/me") && !call.is("POST /auth/login")) {
                    return call.is("POST /internal/staff-audit") ? new HttpStub.Answer(204, "", 0)
                            : new HttpStub.Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);
                }
                if (call.is("POST /auth/login")) {
                    return new HttpStub.Answer(200, "{\"access_token\":\"admin-token\"}", 0);
                }
                return switch (String.valueOf(call.authorization())) {
                    case "Bearer admin-token" -> new HttpStub.Answer(200, Contracts.staff(1, "chief", "admin"), 0);
                    case "Bearer gm-token" -> new HttpStub.Answer(200, Contracts.staff(2, "helper", "gm"), 0);
                    case "Bearer player-token" -> new HttpStub.Answer(403, "{\"code\":\"FORBIDDEN\"}", 0);
                    case "Bearer broken-auth" -> new HttpStub.Answer(500, "{}", 0);
                    default -> new HttpStub.Answer(401, "{\"code\":\"UNAUTHORIZED\"}", 0);
                };
            });
            return stub;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringTestServers.redis(registry);
        registry.add("directory.auth-service-url", AUTH::url);
    }

    @AfterAll
    static void stopStub() {
        AUTH.close();
    }

    @LocalServerPort
    int port;

    DirectoryHttp http;

    @BeforeEach
    void setUp() {
        http = new DirectoryHttp(port);
    }

    private DirectoryHttp.Response as(String token, String method, String path) {
        HttpRequest.Builder request = http.request(path, null);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private void register(String id, int map) {
        assertThat(http.post("/map-registry/register", "{\"id\":\"" + id + "\",\"ip\":\"127.0.0.1\",\"port\":4001,"
                + "\"supported_maps\":[" + map + "],\"max_players\":10}").status()).isEqualTo(201);
    }

    @Test
    void onlyStaffSeeTheServersAndOnlyAdminsDrainThem() {
        register("map-server-staff-a", 901);

        assertThat(as(null, "GET", "/admin/servers").status()).isEqualTo(401);
        assertThat(as("forged-token", "GET", "/admin/servers").status()).isEqualTo(401);
        assertThat(as("player-token", "GET", "/admin/servers").status()).isEqualTo(403);
        assertThat(as("broken-auth", "GET", "/admin/servers").status()).as("auth-service failing").isEqualTo(503);
        assertThat(http.get("/admin/servers").status()).as("the internal key is not a staff token").isEqualTo(401);
        DirectoryHttp.Response listed = as("gm-token", "GET", "/admin/servers");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"id\":\"map-server-staff-a\"", "\"drained\":false", "\"ttl_seconds\":");
        assertThat(as("gm-token", "POST", "/admin/servers/map-server-staff-a/drain").status()).isEqualTo(403);
        assertThat(as("admin-token", "POST", "/admin/servers/map-server-nobody/drain").status()).isEqualTo(404);
        assertThat(as("gm-token", "GET", "/admin/stats").json().get("recent_errors").get("SERVER_NOT_REGISTERED").asLong())
                .isPositive();
        assertThat(http.post("/session/online", "{\"userId\":\"staff-seen\",\"gatewayId\":\"gateway-7\"}").status())
                .isEqualTo(200);
        assertThat(as("gm-token", "GET", "/admin/sessions/staff-seen").json().get("gatewayId").asString()).isEqualTo("gateway-7");
        assertThat(as("gm-token", "GET", "/admin/sessions/staff-seen").status()).isEqualTo(200);
        assertThat(AUTH.calls("POST /internal/staff-audit")).extracting(HttpStub.Call::body)
                .filteredOn(body -> body.contains("\"action\":\"session_lookup\"") && body.contains("account:staff-seen"))
                .as("a staff lookup is audited, once a while").hasSize(1);
        assertThat(as("gm-token", "GET", "/admin/sessions/staff-unseen").status()).as("offline").isEqualTo(404);
    }

    @Test
    void everyStaffRouteRefusesPlayersWith403AndMissingOrUnknownTokensWith401() {
        register("map-server-staff-e", 905);
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (!path.getKey().startsWith("/admin/")) {
                continue;
            }
            String concrete = path.getKey().replace("{id}", "map-server-staff-e").replace("{channel}", "1")
                    .replace("{userId}", "42").replace("{characterId}", "7");
            for (String method : path.getValue().propertyNames()) {
                String verb = method.toUpperCase(java.util.Locale.ROOT);
                assertThat(as("player-token", verb, concrete).status()).as(verb + " " + concrete).isEqualTo(403);
                assertThat(as(null, verb, concrete).status()).as(verb + " " + concrete).isEqualTo(401);
                assertThat(as("expired-or-forged", verb, concrete).status()).as(verb + " " + concrete).isEqualTo(401);
                checked.add(verb + " " + path.getKey());
            }
        }
        assertThat(checked).contains("GET /admin/servers", "GET /admin/online", "GET /admin/sessions/{userId}", "POST /admin/servers/{id}/drain",
                "DELETE /admin/servers/{id}/drain", "GET /admin/servers/{id}/view/map",
                "GET /admin/servers/{id}/view/channel/{channel}");
    }

    @Test
    void aDrainedServerGetsNoNewPlayersEvenAfterItRegistersAgainUntilTheDrainIsTakenBack() {
        register("map-server-staff-b", 902);
        assertThat(http.get("/map-registry/map/902").status()).isEqualTo(200);

        DirectoryHttp.Response drained = as("admin-token", "POST", "/admin/servers/map-server-staff-b/drain");
        assertThat(drained.status()).as(drained.body()).isEqualTo(200);
        assertThat(drained.json().get("drained").asBoolean()).isTrue();
        assertThat(http.get("/map-registry/map/902").status()).isEqualTo(404);
        register("map-server-staff-b", 902); // a restart: the drain holds
        assertThat(http.get("/map-registry/map/902").status()).isEqualTo(404);
        assertThat(http.post("/map-registry/heartbeat", "{\"id\":\"map-server-staff-b\",\"current_players\":3}").json()
                .get("drained").asBoolean()).as("heartbeats keep it").isTrue();

        assertThat(as("admin-token", "DELETE", "/admin/servers/map-server-staff-b/drain").status()).isEqualTo(200);
        assertThat(http.get("/map-registry/map/902").json().get("id").asString()).isEqualTo("map-server-staff-b");
        assertThat(AUTH.calls("POST /internal/staff-audit")).extracting(HttpStub.Call::body)
                .anySatisfy(body -> assertThat(body).contains("\"action\":\"drain\"", "\"actor_name\":\"chief\"",
                        "\"target\":\"server:map-server-staff-b\""))
                .anySatisfy(body -> assertThat(body).contains("\"action\":\"undrain\""));
    }

    @Test
    void theConsolePageComesWithStrictHeadersAndItsRelayPassesOnlyTheStaffMembersOwnCalls() {
        DirectoryHttp.Response page = http.send(http.request("/console/index.html", null).GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Operations console", "console.js");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));

        DirectoryHttp.Response login = http.send(http.request("/console/api/auth/auth/login", null)
                .header("Content-Type", "application/json").header("X-Relayed-Client-Address", "203.0.113.66")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"chief\"}")));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("admin-token");
        HttpStub.Call relayed = AUTH.calls("POST /auth/login").getLast();
        assertThat(relayed.header("X-Relayed-Client-Address")).as("the browser's own address, not one it names")
                .isEqualTo("127.0.0.1");
        assertThat(relayed.internalKey()).as("what makes auth-service believe that address").isEqualTo(DirectoryHttp.KEY);
        assertThat(as("gm-token", "GET", "/console/api/auth/admin/me").body()).contains("\"username\":\"helper\"");
        assertThat(AUTH.calls("GET /admin/me").getLast().header("X-Relayed-Client-Address")).isEqualTo("127.0.0.1");
        assertThat(as(null, "GET", "/console/api/auth/characters").status()).as("nothing but staff routes").isEqualTo(404);
        assertThat(as("gm-token", "GET", "/console/api/auth/items").body()).as("the item types, for names")
                .isEqualTo("{\"version\":\"v\",\"items\":[]}");
        assertThat(as("gm-token", "POST", "/console/api/auth/items").status()).as("read only").isEqualTo(405);
        assertThat(as(null, "GET", "/console/api/auth/auth/login").status()).isEqualTo(405);
        int before = AUTH.calls().size();
        for (String sneaky : new String[] {"/admin/%2e%2e/internal/staff-audit", "/admin/..;/internal/staff-audit",
                "/admin/x%2F..%2F..%2Finternal%2Fstaff-audit"}) {
            assertThat(as("gm-token", "POST", "/console/api/auth" + sneaky).status()).as(sneaky).isIn(400, 404);
        }
        assertThat(AUTH.calls().subList(before, AUTH.calls().size())).as("none reached auth-service with the key")
                .noneMatch(call -> call.path().contains("internal"));
    }

    @Test
    void theLiveMapIsRelayedFromTheMapServersOpsPortWithAViewCredentialNotTheInternalKey() throws IOException {
        try (HttpStub ops = new HttpStub()) {
            ops.answer("GET /view/map", 200, "{\"id\":903,\"rows\":[\"#.\"]}");
            ops.answer("GET /view/character/5", 200, "{\"character_id\":\"5\",\"channel\":1}");
            ops.answer("GET /view/channel/1", 200, "{\"channel\":1,\"tick\":7,\"entities\":[[5,0,1,\"Hero\",1.5,2.5,9,10,0]]}");
            String address = ops.url().replaceFirst("^http://", "").replaceAll("/$", "");
            assertThat(http.post("/map-registry/register", "{\"id\":\"map-server-staff-c\",\"ip\":\"127.0.0.1\",\"port\":4001,"
                    + "\"supported_maps\":[903],\"max_players\":10,\"ops_address\":\"" + address + "\"}").status()).isEqualTo(201);
            register("map-server-staff-d", 904); // no ops address

            DirectoryHttp.Response frame = as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/channel/1");
            assertThat(frame.status()).as(frame.body()).isEqualTo(200);
            assertThat(frame.body()).isEqualTo("{\"channel\":1,\"tick\":7,\"entities\":[[5,0,1,\"Hero\",1.5,2.5,9,10,0]]}");
            assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/map").body()).contains("\"rows\"");
            assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/character/5").body())
                    .isEqualTo("{\"character_id\":\"5\",\"channel\":1}");
            LiveViewCredentials verifier = new LiveViewCredentials(DirectoryHttp.KEY, Clock.systemUTC());
            assertThat(ops.calls()).isNotEmpty().allSatisfy(call -> {
                assertThat(call.internalKey()).as("no master key on the wire").isNull();
                assertThat(call.authorization()).startsWith("Bearer ");
                String credential = call.authorization().substring("Bearer ".length());
                assertThatCode(() -> verifier.verify(credential, "map-server-staff-c")).doesNotThrowAnyException();
                assertThatThrownBy(() -> verifier.verify(credential, "map-server-staff-d")).as("for that server only")
                        .isInstanceOf(InvalidTokenException.class);
            });
            for (int i = 0; i < 3; i++) { // the console polls a few times a second
                assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/channel/1").status()).isEqualTo(200);
            }
            List<String> views = AUTH.calls("POST /internal/staff-audit").stream().map(HttpStub.Call::body)
                    .filter(body -> body.contains("\"action\":\"live_map\"")
                            && body.contains("\"target\":\"server:map-server-staff-c\""))
                    .toList();
            assertThat(views).as("who watched what, when, from where: once a while, not per frame").hasSize(3)
                    .anySatisfy(body -> assertThat(body).contains("\"detail\":\"channel 1\"", "\"actor_name\":\"helper\"",
                            "\"address\":\"127.0.0.1\""))
                    .anySatisfy(body -> assertThat(body).contains("\"detail\":\"map\""))
                    .anySatisfy(body -> assertThat(body).contains("\"detail\":\"character 5\""));
            assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/channel/2").status()).isEqualTo(404);
            assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-d/view/map").status()).isEqualTo(404);
            assertThat(as("player-token", "GET", "/admin/servers/map-server-staff-c/view/map").status()).isEqualTo(403);
        }
        assertThat(as("gm-token", "GET", "/admin/servers/map-server-staff-c/view/map").status()).as("ops port gone")
                .isEqualTo(503);
    }
}
