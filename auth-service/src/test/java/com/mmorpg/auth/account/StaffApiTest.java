package com.mmorpg.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.Role;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.service.config.UnusableConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The staff API on the real service and database: who may call it, and what each action does and leaves in the audit. */
@TestPropertySource(properties = {"ADMIN_USERNAME=chief", "ADMIN_PASSWORD=chief-password-123"})
class StaffApiTest extends AuthIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordHasher passwords;

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    StringRedisTemplate redis;

    @Value("${JWT_SECRET:dev-only-jwt-secret-change-me-0123456789abcdef}")
    String jwtSecret;

    private String login(String username, String password) {
        AuthHttp.Response response = http.post("/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.text("access_token");
    }

    private String admin() {
        return login("chief", "chief-password-123");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void theConfiguredAdminLogsInWithTheRoleInItsTokenAndPlayersTokensCarryNone() {
        assertThat(claims(admin())).contains("\"role\":\"admin\"");
        assertThat(claims(register().text("access_token"))).doesNotContain("role");
    }

    @Test
    void everyStaffRouteRefusesPlayersWith403AndMissingOrExpiredTokensWith401() {
        List<String[]> routes = staffRoutes();
        assertThat(routes).extracting(route -> route[1]).contains("/admin/players", "/admin/audit",
                "/admin/accounts/{id}/ban", "/admin/accounts/{id}/role", "/admin/characters/{id}/unstuck",
                "/admin/accounts/{id}/kick", "/admin/accounts/{id}/mute", "/admin/announce", "/admin/characters/{id}/items",
                "/admin/characters/{id}/items/{itemId}");
        String player = register().text("access_token");
        String expiredAdmin = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", jwtSecret, null), Duration.ofMinutes(15),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue("1", null, Role.ADMIN).token();

        for (String[] route : routes) {
            String path = route[1].replaceAll("\\{[^}]+}", "1") + (route[1].equals("/admin/players") ? "?query=chief" : "");
            assertProblem(call(route[0], path, player), 403, "FORBIDDEN");
            assertProblem(call(route[0], path, null), 401, "UNAUTHORIZED");
            assertProblem(call(route[0], path, expiredAdmin), 401, "UNAUTHORIZED");
        }
    }

    /** Every staff route of the service's own OpenAPI document: a new one cannot skip this test. */
    private List<String[]> staffRoutes() {
        JsonNode paths = http.get("/v3/api-docs", null).json().get("paths");
        List<String[]> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (path.getKey().startsWith("/admin/")) {
                for (String method : path.getValue().propertyNames()) {
                    routes.add(new String[] {method.toUpperCase(java.util.Locale.ROOT), path.getKey()});
                }
            }
        }
        return routes;
    }

    private AuthHttp.Response call(String method, String path, String bearer) {
        return switch (method) {
            case "GET" -> http.get(path, bearer);
            case "POST" -> http.post(path, "{\"reason\":\"test\"}", bearer);
            case "PUT" -> http.put(path, "{\"role\":\"gm\"}", bearer);
            case "DELETE" -> http.delete(path, bearer);
            default -> throw new AssertionError(method);
        };
    }

    @Test
    void aPlayerIsFoundByUsernameOrCharacterNameWithCharactersAndLastLogins() {
        String username = uniqueName("p", 14);
        register(username, "correct-horse-1");
        String token = login(username, "correct-horse-1");
        String hero = uniqueName("H", 12);
        String characterId = createCharacter(token, hero, 1).text("id");
        String staff = admin();

        JsonNode byName = http.get("/admin/players?query=" + username.toUpperCase(java.util.Locale.ROOT), staff).json();
        JsonNode byCharacter = http.get("/admin/players?query=" + hero, staff).json();

        assertThat(byName).hasSize(1);
        assertThat(byCharacter).isEqualTo(byName);
        JsonNode player = byName.get(0);
        assertThat(player.get("username").asString()).isEqualTo(username);
        assertThat(player.get("role").asString()).isEqualTo("player");
        assertThat(player.get("banned_until").isNull()).isTrue();
        assertThat(player.get("characters")).hasSize(1);
        assertThat(player.get("characters").get(0).get("id").asString()).isEqualTo(characterId);
        assertThat(player.get("characters").get(0).get("in_world_on").isNull()).isTrue();
        assertThat(player.get("last_logins")).hasSize(1); // registering is not a login; the login above is
        assertThat(player.get("last_logins").get(0).get("address").asString()).isNotBlank();
        assertThat(http.get("/admin/players?query=nobody_" + UUID.randomUUID().toString().substring(0, 8), staff).json())
                .isEmpty();
    }

    @Test
    void aGmBansAndUnbansAndEveryStaffActionIsAudited() {
        String username = uniqueName("b", 14);
        long userId = register(username, "correct-horse-1").json().get("user_id").asLong();
        String gmName = uniqueName("g", 14);
        long gmId = register(gmName, "correct-horse-1").json().get("user_id").asLong();
        String admin = admin();
        assertThat(http.put("/admin/accounts/" + gmId + "/role", "{\"role\":\"gm\"}", admin).status()).isEqualTo(200);
        String gm = login(gmName, "correct-horse-1");
        assertThat(claims(gm)).contains("\"role\":\"gm\"");

        AuthHttp.Response banned = http.post("/admin/accounts/" + userId + "/ban",
                "{\"reason\":\"botting\",\"duration_seconds\":3600}", gm);
        assertThat(banned.status()).as(banned.body()).isEqualTo(200);
        assertProblem(http.post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"correct-horse-1\"}"), 403,
                "ACCOUNT_BANNED");
        assertThat(http.delete("/admin/accounts/" + userId + "/ban", gm).status()).isEqualTo(204);
        login(username, "correct-horse-1");
        assertProblem(http.delete("/admin/accounts/987654321/ban", gm), 404, "ACCOUNT_NOT_FOUND");

        JsonNode audit = http.get("/admin/audit?limit=10", gm).json();
        assertThat(audit.get(0).get("action").asString()).isEqualTo("unban");
        assertThat(audit.get(0).get("actor_name").asString()).isEqualTo(gmName);
        assertThat(audit.get(0).get("target").asString()).isEqualTo("account:" + userId);
        assertThat(audit.get(1).get("action").asString()).isEqualTo("ban");
        assertThat(audit.get(1).get("detail").asString()).contains("botting");
        assertThat(audit.get(1).get("address").asString()).isNotBlank();
        assertThat(audit.get(2).get("action").asString()).isEqualTo("role");
        assertThat(audit.get(2).get("actor_name").asString()).isEqualTo("chief");
        assertThat(audit.get(2).get("detail").asString()).isEqualTo("gm");
    }

    @Test
    void onlyAdminsGrantRolesNotTheirOwnAndATakenRoleIsGoneAtOnce() {
        String gmName = uniqueName("r", 14);
        long gmId = register(gmName, "correct-horse-1").json().get("user_id").asLong();
        String oldToken = login(gmName, "correct-horse-1"); // issued while a player
        String admin = admin();
        long adminId = jdbc.sql("SELECT id FROM accounts WHERE username = 'chief'").query(Long.class).single();

        assertThat(http.put("/admin/accounts/" + gmId + "/role", "{\"role\":\"gm\"}", admin).status()).isEqualTo(200);
        assertThat(http.get("/admin/audit", oldToken).status()).as("the stored role counts, not the token's").isEqualTo(200);
        assertProblem(http.put("/admin/accounts/" + gmId + "/role", "{\"role\":\"admin\"}", oldToken), 403, "FORBIDDEN");
        assertProblem(http.put("/admin/accounts/" + adminId + "/role", "{\"role\":\"player\"}", admin), 409, "OWN_ROLE");
        assertProblem(http.put("/admin/accounts/" + gmId + "/role", "{\"role\":\"god\"}", admin), 400, "VALIDATION_FAILED");

        assertThat(http.put("/admin/accounts/" + gmId + "/role", "{\"role\":\"player\"}", admin).status()).isEqualTo(200);
        assertProblem(http.get("/admin/audit", oldToken), 403, "FORBIDDEN");
    }

    @Test
    void aStuckCharacterGoesToItsSpawnPointOfflineAtOnceAndInTheWorldThroughItsMapServer() {
        String token = register().text("access_token");
        String id = createCharacter(token, uniqueName("S", 12), 1).text("id");
        jdbc.sql("UPDATE characters SET pos_x = 9999, pos_y = 9999 WHERE id = ?").param(Long.parseLong(id)).update();
        String admin = admin();
        AuthHttp.Response leased = http.postInternal("/characters/" + id + "/internal/lease",
                "{\"server_id\":\"map-server-u\",\"map_id\":1,\"ticket_jti\":\"" + UUID.randomUUID() + "\"}", AuthHttp.INTERNAL_KEY);
        assertThat(leased.status()).as(leased.body()).isEqualTo(200);
        long lease = leased.json().get("lease_id").asLong();

        AuthHttp.Response handedOn = http.post("/admin/characters/" + id + "/unstuck", "{}", admin);
        assertThat(handedOn.status()).as(handedOn.body()).isEqualTo(202);
        assertThat(handedOn.text("server_id")).isEqualTo("map-server-u");
        String renew = "{\"server_id\":\"map-server-u\",\"lease_ids\":[" + lease + "]}";
        assertThat(http.postInternal("/internal/leases/renew", renew, AuthHttp.INTERNAL_KEY).json().get("unstuck"))
                .extracting(node -> node.asLong()).containsExactly(lease);
        assertThat(http.postInternal("/internal/leases/renew", renew, AuthHttp.INTERNAL_KEY).json().get("unstuck"))
                .as("told once").isEmpty();

        http.deleteInternal("/characters/" + id + "/internal/lease/" + lease, AuthHttp.INTERNAL_KEY);
        AuthHttp.Response moved = http.post("/admin/characters/" + id + "/unstuck", "{}", admin);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonNode stored = http.getInternal("/characters/" + id + "/internal", AuthHttp.INTERNAL_KEY).json();
        assertThat(stored.get("position").get("x").asDouble()).isEqualTo(moved.json().get("x").asDouble()).isNotEqualTo(9999);
        assertThat(stored.get("version").asLong()).isEqualTo(1);
        assertProblem(http.post("/admin/characters/987654321/unstuck", "{}", admin), 404, "CHARACTER_NOT_FOUND");
    }

    /** A gateway's subscription to staff notices that keeps what it hears; listening when returned. */
    private RedisMessageListenerContainer standInGateway(List<String> heard) {
        RedisMessageListenerContainer gateway = new RedisMessageListenerContainer();
        gateway.setConnectionFactory(redisConnections);
        gateway.addMessageListener((message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(StaffNotice.CHANNEL));
        gateway.afterPropertiesSet();
        gateway.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.convertAndSend(StaffNotice.CHANNEL, "probe") >= 1);
        return gateway;
    }

    @Test
    void aKickReachesTheGatewaysAndTheMapServerHoldingTheCharacterAndAnAnnouncementEveryGateway() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RedisMessageListenerContainer gateway = standInGateway(heard);
        try {
            AuthHttp.Response player = register();
            long userId = player.json().get("user_id").asLong();
            String characterId = createCharacter(player.text("access_token"), uniqueName("K", 12), 1).text("id");
            long lease = http.postInternal("/characters/" + characterId + "/internal/lease",
                    "{\"server_id\":\"map-server-k\",\"map_id\":1,\"ticket_jti\":\"" + UUID.randomUUID() + "\"}",
                    AuthHttp.INTERNAL_KEY).json().get("lease_id").asLong();
            String gm = admin();

            AuthHttp.Response kicked = http.post("/admin/accounts/" + userId + "/kick", "{}", gm);
            assertThat(kicked.status()).as(kicked.body()).isEqualTo(200);
            assertThat(kicked.json().get("characters_in_world").asInt()).isEqualTo(1);
            assertThat(kicked.json().get("gateways").asLong()).isPositive();
            AuthHttp.Response renewal = http.postInternal("/internal/leases/renew",
                    "{\"server_id\":\"map-server-k\",\"lease_ids\":[" + lease + "]}", AuthHttp.INTERNAL_KEY);
            assertThat(renewal.json().get("kicked")).extracting(node -> node.asLong()).containsExactly(lease);
            assertThat(renewal.json().get("lost")).isEmpty();

            AuthHttp.Response announced = http.post("/admin/announce", "{\"message\":\"Restart at 03:00\"}", gm);
            assertThat(announced.status()).as(announced.body()).isEqualTo(200);
            assertProblem(http.post("/admin/announce", "{\"message\":\"  \"}", gm), 400, "VALIDATION_FAILED");
            assertProblem(http.post("/admin/announce", "{\"message\":\"" + "x".repeat(501) + "\"}", gm), 400,
                    "VALIDATION_FAILED");
            assertProblem(http.post("/admin/accounts/987654321/kick", "{}", gm), 404, "ACCOUNT_NOT_FOUND");

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard)
                    .contains("kick " + userId, new StaffNotice.Announcement("Restart at 03:00").encode()));
            JsonNode audit = http.get("/admin/audit?limit=2", gm).json();
            assertThat(audit.get(0).get("action").asString()).isEqualTo("announce");
            assertThat(audit.get(0).get("detail").asString()).isEqualTo("Restart at 03:00");
            assertThat(audit.get(1).get("action").asString()).isEqualTo("kick");
            assertThat(audit.get(1).get("target").asString()).isEqualTo("account:" + userId);
        } finally {
            gateway.destroy();
        }
    }

    @Test
    void aMuteIsWrittenWhereGatewaysReadItToldToThemAndLiftedAgain() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RedisMessageListenerContainer gateway = standInGateway(heard);
        try {
            String username = uniqueName("m", 16);
            long userId = register(username, "correct-horse-1").json().get("user_id").asLong();
            String gm = admin();

            AuthHttp.Response muted = http.post("/admin/accounts/" + userId + "/mute",
                    "{\"reason\":\"spam\",\"duration_seconds\":600}", gm);

            assertThat(muted.status()).as(muted.body()).isEqualTo(200);
            long until = Instant.parse(muted.json().get("muted_until").asString()).toEpochMilli();
            assertThat(until).isBetween(System.currentTimeMillis() + 590_000, System.currentTimeMillis() + 601_000);
            assertThat(muted.json().get("gateways").asLong()).isPositive();
            com.mmorpg.common.session.ChatMute mute = new com.mmorpg.common.session.ChatMute(String.valueOf(userId), until);
            assertThat(redis.opsForValue().get(mute.key())).isEqualTo(mute.value());
            assertThat(redis.getExpire(mute.key())).isBetween(590L, 600L);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(heard).contains(new StaffNotice.Mute(mute).encode()));
            assertThat(http.get("/admin/players?query=" + username, gm).json().get(0).get("chat_muted_until").asString())
                    .isEqualTo(muted.json().get("muted_until").asString());

            AuthHttp.Response forever = http.post("/admin/accounts/" + userId + "/mute", "{\"reason\":\"again\"}", gm);
            assertThat(forever.json().get("muted_until").asString()).isEqualTo("forever");
            assertThat(redis.getExpire(mute.key())).isEqualTo(-1L);
            assertProblem(http.post("/admin/accounts/" + userId + "/mute", "{\"reason\":\"x\",\"duration_seconds\":0}", gm),
                    400, "VALIDATION_FAILED");
            assertProblem(http.post("/admin/accounts/987654321/mute", "{\"reason\":\"x\"}", gm), 404, "ACCOUNT_NOT_FOUND");

            assertThat(http.delete("/admin/accounts/" + userId + "/mute", gm).status()).isEqualTo(204);
            assertThat(redis.hasKey(mute.key())).isFalse();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(heard).contains("mute " + userId + " 0"));
            assertThat(http.get("/admin/players?query=" + username, gm).json().get(0).get("chat_muted_until").isNull()).isTrue();
            List<JsonNode> audit = new ArrayList<>();
            http.get("/admin/audit?limit=10", gm).json().forEach(entry -> {
                if (!entry.get("action").asString().equals("lookup")) { // the lookups above are audited too
                    audit.add(entry);
                }
            });
            assertThat(audit).extracting(entry -> entry.get("action").asString()).startsWith("unmute", "mute", "mute");
            assertThat(audit.get(2).get("detail").asString()).endsWith(": spam");
        } finally {
            gateway.destroy();
        }
    }

    @Test
    void theConsoleSeesRecentLoginsAndErrorsByCode() {
        String admin = admin(); // a login a moment ago
        http.post("/auth/login", "{\"username\":\"chief\",\"password\":\"wrong-password-1\"}");

        JsonNode stats = http.get("/admin/stats", admin).json();
        assertThat(stats.get("logins_last_minute").asLong()).isPositive();
        assertThat(stats.get("logins_last_hour").asLong()).isGreaterThanOrEqualTo(stats.get("logins_last_minute").asLong());
        assertThat(stats.get("recent_errors").get("INVALID_CREDENTIALS").asLong()).isPositive();
    }

    @Test
    void otherServicesAskWhoHoldsAStaffTokenAndAuditWhatTheyDidForThem() {
        String admin = admin();
        JsonNode me = http.get("/admin/me", admin).json();
        assertThat(me.get("username").asString()).isEqualTo("chief");
        assertThat(me.get("role").asString()).isEqualTo("admin");

        AuthHttp.Response written = http.postInternal("/internal/staff-audit", "{\"actor_id\":" + me.get("user_id").asLong()
                + ",\"actor_name\":\"chief\",\"action\":\"drain\",\"target\":\"server:map-server-9\",\"address\":\"10.0.0.7\"}",
                AuthHttp.INTERNAL_KEY);
        assertThat(written.status()).as(written.body()).isEqualTo(204);
        assertThat(http.get("/admin/audit?limit=1", admin).json().get(0).get("target").asString()).isEqualTo("server:map-server-9");
        assertProblem(http.postInternal("/internal/staff-audit", "{\"actor_id\":1,\"actor_name\":\"x\",\"action\":\"DROP TABLE\"}",
                AuthHttp.INTERNAL_KEY), 400, "VALIDATION_FAILED");
        assertThat(http.post("/internal/staff-audit", "{}", admin).status()).as("staff tokens are not the internal key")
                .isEqualTo(401);
    }

    @Test
    void aWeakOrNamelessFirstAdminStopsTheService() {
        assertThatThrownBy(() -> new StaffBootstrap("boss", "short", passwords, jdbc).run(null))
                .isInstanceOf(UnusableConfigurationException.class).hasMessageContaining("ADMIN_PASSWORD");
        assertThatThrownBy(() -> new StaffBootstrap("no spaces!", "long-enough-password", passwords, jdbc).run(null))
                .isInstanceOf(UnusableConfigurationException.class).hasMessageContaining("ADMIN_USERNAME");
        assertThatThrownBy(() -> new StaffBootstrap(uniqueName("n", 14), "", passwords, jdbc).run(null))
                .isInstanceOf(UnusableConfigurationException.class).hasMessageContaining("ADMIN_PASSWORD");
    }

    private String roleOf(String username) {
        return jdbc.sql("SELECT role FROM accounts WHERE username = ?").param(username).query(String.class).single();
    }

    @Test
    void aPreRegisteredAdminNameIsNotPromotedTheServiceRefusesToStartInstead() {
        String squatted = uniqueName("e", 14);
        register(squatted, "correct-horse-1"); // somebody registered the name the operator configures

        assertThatThrownBy(() -> new StaffBootstrap(squatted, "operators-password-456", passwords, jdbc).run(null))
                .isInstanceOf(UnusableConfigurationException.class)
                .hasMessageContaining("ADMIN_USERNAME").hasMessageContaining("existing player account");
        assertThatThrownBy(() -> new StaffBootstrap(squatted, "", passwords, jdbc).run(null))
                .isInstanceOf(UnusableConfigurationException.class).hasMessageContaining("existing player account");
        assertThat(roleOf(squatted)).isEqualTo("player");
        assertThat(claims(login(squatted, "correct-horse-1"))).doesNotContain("role");

        // The operator's own account (ADMIN_PASSWORD is its password) is promoted, its password unchanged.
        new StaffBootstrap(squatted, "correct-horse-1", passwords, jdbc).run(null);
        assertThat(roleOf(squatted)).isEqualTo("admin");
        assertThat(claims(login(squatted, "correct-horse-1"))).contains("\"role\":\"admin\"");
    }

    @Test
    void aDemotedBootstrapAdminStaysDemotedAfterARestart() {
        String first = uniqueName("f", 14);
        new StaffBootstrap(first, "first-admin-password", passwords, jdbc).run(null); // created
        assertThat(roleOf(first)).isEqualTo("admin");
        jdbc.sql("UPDATE accounts SET role = 'player' WHERE username = ?").param(first).update(); // demoted

        new StaffBootstrap(first, "first-admin-password", passwords, jdbc).run(null); // the next start

        assertThat(roleOf(first)).as("even though ADMIN_PASSWORD is its password").isEqualTo("player");

        // An admin made before the bootstrap kept its mark is marked at its next start, so its demotion sticks too.
        String older = uniqueName("o", 14);
        register(older, "older-admin-password");
        jdbc.sql("UPDATE accounts SET role = 'admin' WHERE username = ?").param(older).update();
        new StaffBootstrap(older, "older-admin-password", passwords, jdbc).run(null);
        jdbc.sql("UPDATE accounts SET role = 'gm' WHERE username = ?").param(older).update();
        new StaffBootstrap(older, "older-admin-password", passwords, jdbc).run(null);
        assertThat(roleOf(older)).isEqualTo("gm");
    }

    private record Member(long id, String token) {
    }

    /** A fresh account of {@code role} (granted by the configured admin), logged in. */
    private Member member(String role) {
        String name = uniqueName(role.substring(0, 1), 14);
        long id = register(name, "correct-horse-1").json().get("user_id").asLong();
        if (!role.equals("player")) {
            assertThat(http.put("/admin/accounts/" + id + "/role", "{\"role\":\"" + role + "\"}", admin()).status())
                    .isEqualTo(200);
        }
        return new Member(id, login(name, "correct-horse-1"));
    }

    @Test
    void aGmActsOnlyOnPlayersAndAnAdminOnlyOnGmsAndPlayersEveryRefusalAudited() {
        Member gmMember = member("gm");
        Member otherGmMember = member("gm");
        Member adminMember = member("admin");
        long gm = gmMember.id();
        long otherGm = otherGmMember.id();
        long otherAdmin = adminMember.id();
        long player = member("player").id();
        String[] gmToken = {gmMember.token()};
        String[] otherGmToken = {otherGmMember.token()};
        String[] adminToken = {adminMember.token()};
        String adminCharacter = createCharacter(adminToken[0], uniqueName("A", 12), 1).text("id");
        String gmCharacter = createCharacter(gmToken[0], uniqueName("G", 12), 1).text("id");
        String ban = "{\"reason\":\"takeover\"}";

        // A gm on an admin, on another gm, on themselves: refused, whatever the action.
        for (long target : new long[] {otherAdmin, otherGm, gm}) {
            assertProblem(http.post("/admin/accounts/" + target + "/ban", ban, gmToken[0]), 403, "FORBIDDEN_TARGET");
            assertProblem(http.delete("/admin/accounts/" + target + "/ban", gmToken[0]), 403, "FORBIDDEN_TARGET");
            assertProblem(http.post("/admin/accounts/" + target + "/mute", ban, gmToken[0]), 403, "FORBIDDEN_TARGET");
            assertProblem(http.delete("/admin/accounts/" + target + "/mute", gmToken[0]), 403, "FORBIDDEN_TARGET");
            assertProblem(http.post("/admin/accounts/" + target + "/kick", "{}", gmToken[0]), 403, "FORBIDDEN_TARGET");
        }
        AuthHttp.Response refused = http.post("/admin/accounts/" + otherAdmin + "/ban", ban, gmToken[0]);
        assertThat(refused.text("target_role")).isEqualTo("admin");
        assertProblem(http.post("/admin/characters/" + adminCharacter + "/unstuck", "{}", gmToken[0]), 403, "FORBIDDEN_TARGET");
        assertThat(http.post("/admin/characters/" + gmCharacter + "/unstuck", "{}", gmToken[0]).status())
                .as("a stuck character of one's own is harmless to move").isEqualTo(200);
        assertThat(http.get("/admin/me", adminToken[0]).status()).as("the admin is not banned").isEqualTo(200);
        assertThat(jdbc.sql("SELECT banned_until IS NULL FROM accounts WHERE id = ?").param(otherAdmin).query(Boolean.class)
                .single()).isTrue();
        assertThat(redis.hasKey("chat:mute:" + otherAdmin)).isFalse();

        JsonNode audit = http.get("/admin/audit?limit=50", adminToken[0]).json();
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("ban_refused");
            assertThat(entry.get("actor_id").asLong()).isEqualTo(gm);
            assertThat(entry.get("target").asString()).isEqualTo("account:" + otherAdmin);
            assertThat(entry.get("detail").asString()).isEqualTo("target is a admin");
            assertThat(entry.get("address").asString()).isNotBlank();
        });
        assertThat(audit.findValuesAsString("action")).contains("kick_refused", "mute_refused", "unban_refused",
                "unmute_refused", "unstuck_refused");

        // A gm on a player: done.
        assertThat(http.post("/admin/accounts/" + player + "/mute", ban, gmToken[0]).status()).isEqualTo(200);
        assertThat(http.post("/admin/accounts/" + player + "/kick", "{}", gmToken[0]).status()).isEqualTo(200);
        assertThat(http.post("/admin/accounts/" + player + "/ban", ban, gmToken[0]).status()).isEqualTo(200);

        // An admin on another admin: refused, role changes included; on a gm: done.
        assertProblem(http.post("/admin/accounts/" + otherAdmin + "/ban", ban, admin()), 403, "FORBIDDEN_TARGET");
        assertProblem(http.post("/admin/accounts/" + otherAdmin + "/kick", "{}", admin()), 403, "FORBIDDEN_TARGET");
        assertProblem(http.post("/admin/accounts/" + otherAdmin + "/mute", ban, admin()), 403, "FORBIDDEN_TARGET");
        assertProblem(http.post("/admin/characters/" + adminCharacter + "/unstuck", "{}", admin()), 403, "FORBIDDEN_TARGET");
        assertProblem(http.put("/admin/accounts/" + otherAdmin + "/role", "{\"role\":\"player\"}", admin()), 403,
                "FORBIDDEN_TARGET");
        assertThat(http.get("/admin/me", adminToken[0]).json().get("role").asString()).isEqualTo("admin");
        assertThat(http.post("/admin/characters/" + gmCharacter + "/unstuck", "{}", admin()).status()).isEqualTo(200);
        assertThat(http.post("/admin/accounts/" + otherGm + "/ban", ban, admin()).status()).isEqualTo(200);
        assertThat(http.get("/admin/me", otherGmToken[0]).status()).as("a banned gm loses the console").isEqualTo(401);
    }

    @Test
    void aLookupTellsTheViewerWhomTheyMayActOnAndIsAuditedOnceAWhile() {
        String gmName = uniqueName("v", 14);
        long gm = register(gmName, "correct-horse-1").json().get("user_id").asLong();
        assertThat(http.put("/admin/accounts/" + gm + "/role", "{\"role\":\"gm\"}", admin()).status()).isEqualTo(200);
        String[] gmToken = {login(gmName, "correct-horse-1")};
        String[] adminToken = {member("admin").token()};

        JsonNode seenByGm = http.get("/admin/players?query=" + gmName, gmToken[0]).json().get(0);
        JsonNode seenByAdmin = http.get("/admin/players?query=" + gmName, adminToken[0]).json().get(0);
        JsonNode adminSeenByGm = http.get("/admin/players?query=chief", gmToken[0]).json().get(0);
        http.get("/admin/players?query=" + gmName, gmToken[0]); // the console's redraw

        assertThat(seenByGm.get("role").asString()).isEqualTo("gm");
        assertThat(seenByGm.get("may_act").asBoolean()).as("themselves").isFalse();
        assertThat(seenByAdmin.get("may_act").asBoolean()).isTrue();
        assertThat(adminSeenByGm.get("may_act").asBoolean()).isFalse();
        JsonNode audit = http.get("/admin/audit?limit=50", adminToken[0]).json();
        List<JsonNode> lookups = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("action").asString().equals("lookup") && entry.get("actor_id").asLong() == gm) {
                lookups.add(entry);
            }
        });
        assertThat(lookups).extracting(entry -> entry.get("detail").asString()).containsExactlyInAnyOrder(gmName, "chief");
        assertThat(lookups).allSatisfy(entry -> assertThat(entry.get("address").asString()).isNotBlank());
    }

    @Test
    void theConsolesLogoutEndsTheStaffSession() {
        String name = uniqueName("l", 14);
        long id = register(name, "correct-horse-1").json().get("user_id").asLong();
        assertThat(http.put("/admin/accounts/" + id + "/role", "{\"role\":\"gm\"}", admin()).status()).isEqualTo(200);
        AuthHttp.Response session = http.post("/auth/login", "{\"username\":\"" + name + "\",\"password\":\"correct-horse-1\"}");
        String access = session.text("access_token");
        String other = login(name, "correct-horse-1"); // another session of the same account stays
        assertThat(http.get("/admin/me", access).status()).isEqualTo(200);

        assertThat(http.post("/admin/logout", "{}", access).status()).isEqualTo(204);

        // A session's revocation is looked up at most once a second per token.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertProblem(http.get("/admin/me", access), 401, "UNAUTHORIZED"));
        assertProblem(http.post("/auth/refresh", "{\"refresh_token\":\"" + session.text("refresh_token") + "\"}"), 401,
                "INVALID_REFRESH_TOKEN");
        assertThat(http.get("/admin/me", other).status()).isEqualTo(200);
        JsonNode audit = http.get("/admin/audit?limit=20", other).json();
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("logout");
            assertThat(entry.get("actor_id").asLong()).isEqualTo(id);
        });
    }

    @Test
    void theLongestAnnouncementInAnyScriptIsAcceptedAndIsOneAGatewayDecodes() {
        String gm = admin();
        String longest = "維".repeat(StaffNotice.MAX_MESSAGE_CHARS); // 1,500 bytes of UTF-8
        AuthHttp.Response announced = http.post("/admin/announce", "{\"message\":\"" + longest + "\"}", gm);
        assertThat(announced.status()).as(announced.body()).isEqualTo(200);
        assertThat(StaffNotice.decode(new StaffNotice.Announcement(longest).encode())).as("what a gateway reads").isPresent();

        assertProblem(http.post("/admin/announce", "{\"message\":\"" + longest + "維\"}", gm), 400, "VALIDATION_FAILED");
    }
}
