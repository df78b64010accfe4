package com.mmorpg.auth.character;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CharacterFlowTest extends AuthIntegrationTest {

    private static final String DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";

    @Test
    void classesArePublicWithStats() {
        AuthHttp.Response response = http.get("/character-classes", null);

        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode c : response.json()) {
            names.add(c.get("name").asString());
            assertThat(c.get("id").isString()).isTrue();
            assertThat(c.get("description").asString()).isNotBlank();
            for (String stat : new String[] {"hp", "mp", "attack", "defense", "speed", "attack_range"}) {
                assertThat(c.get(stat).asDouble()).as(stat).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(names).contains("Warrior", "Mage", "Archer");
    }

    @Test
    void newCharacterStartsOnMapOneAtSpawnWithFullHpAndMp() {
        String token = register().text("access_token");
        String name = uniqueName("Hero", 12);

        AuthHttp.Response created = createCharacter(token, name, 1);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("id").isString()).isTrue();
        assertThat(c.get("name").asString()).isEqualTo(name);
        assertThat(c.get("level").asInt()).isEqualTo(1);
        assertThat(c.get("exp").asLong()).isZero();
        assertThat(c.get("class_id").asString()).isEqualTo("1");
        assertThat(c.get("class_name").asString()).isEqualTo("Warrior");
        assertThat(c.get("map_id").asString()).isEqualTo("1");
        assertThat(c.get("position").get("x").asDouble()).isEqualTo(400.0);
        assertThat(c.get("position").get("y").asDouble()).isEqualTo(304.0);
        assertThat(c.get("hp").asInt()).isEqualTo(c.get("max_hp").asInt()).isEqualTo(150);
        assertThat(c.get("mp").asInt()).isEqualTo(c.get("max_mp").asInt()).isEqualTo(30);
        assertThat(Instant.parse(c.get("created_at").asString())).isBefore(Instant.now().plusSeconds(5));
    }

    @Test
    void listShowsOnlyTheCallersCharacters() {
        String alice = register().text("access_token");
        String bob = register().text("access_token");
        createCharacter(alice, uniqueName("A", 12), 2);
        createCharacter(alice, uniqueName("A", 12), 3);
        createCharacter(bob, uniqueName("B", 12), 1);

        AuthHttp.Response list = http.get("/characters", alice);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.json().get(0).get("class_name").asString()).isEqualTo("Mage");
        assertThat(list.json().get(1).get("class_name").asString()).isEqualTo("Archer");
    }

    @Test
    void bearerIsRequiredAndMustBeValid() {
        String forged = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", "some-other-secret-0123456789abcdefgh", null),
                Duration.ofMinutes(15), Clock.systemUTC()).issue("1").token();
        String expired = new AccessTokenCodec(SigningKeys.of("JWT_SECRET", DEV_JWT_SECRET, null), Duration.ofMinutes(15),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue("1").token();
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64("{\"userId\":\"1\",\"iat\":1,\"exp\":99999999999}") + ".";

        AuthHttp.Response missing = http.get("/characters", null);
        assertProblem(missing, 401, "UNAUTHORIZED");
        assertThat(missing.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        for (String bad : new String[] {forged, expired, unsigned, "garbage"}) {
            AuthHttp.Response response = http.get("/characters", bad);
            assertProblem(response, 401, "UNAUTHORIZED");
            assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
        }
        assertProblem(http.post("/characters", "{\"name\":\"Nobody1\",\"class_id\":\"1\"}", forged), 401, "UNAUTHORIZED");
    }

    @Test
    void nameIsUniqueIgnoringCaseAcrossTheWorld() {
        String name = uniqueName("Twin", 12);
        assertThat(createCharacter(register().text("access_token"), name, 1).status()).isEqualTo(201);

        AuthHttp.Response again = createCharacter(register().text("access_token"), name.toUpperCase(), 2);

        assertProblem(again, 409, "NAME_TAKEN");
    }

    @Test
    void unknownClassAndInvalidNamesAre400() {
        String token = register().text("access_token");

        assertProblem(createCharacter(token, uniqueName("K", 12), 99), 400, "UNKNOWN_CLASS");
        for (String bad : new String[] {"ab", "a".repeat(17), "has space", "dash-name", "ünï"}) {
            AuthHttp.Response response = createCharacter(token, bad, 1);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.text("message")).startsWith("name:");
        }
        assertProblem(http.post("/characters", "{\"name\":\"Valid1\",\"class_id\":\"abc\"}", token), 400, "INVALID_REQUEST");
        assertProblem(http.post("/characters", "{\"name\":\"Valid1\"}", token), 400, "VALIDATION_FAILED");
    }

    @Test
    void anAccountHasAtMostSixCharacters() {
        String token = register().text("access_token");
        for (int i = 0; i < 6; i++) {
            assertThat(createCharacter(token, uniqueName("S", 12), 1 + i % 3).status()).isEqualTo(201);
        }

        assertProblem(createCharacter(token, uniqueName("S", 12), 1), 409, "CHARACTER_LIMIT");
        assertThat(http.get("/characters", token).json().size()).isEqualTo(6);
    }

    @Test
    void ownerCanGetAndDeleteOthersGet404() {
        String owner = register().text("access_token");
        String other = register().text("access_token");
        String id = createCharacter(owner, uniqueName("Own", 12), 3).text("id");

        assertThat(http.get("/characters/" + id, owner).status()).isEqualTo(200);
        assertProblem(http.get("/characters/" + id, other), 404, "CHARACTER_NOT_FOUND");
        assertProblem(http.delete("/characters/" + id, other), 404, "CHARACTER_NOT_FOUND");
        assertProblem(http.get("/characters/not-a-number", owner), 404, "CHARACTER_NOT_FOUND");
        assertProblem(http.get("/characters/99999999999999999999999", owner), 404, "CHARACTER_NOT_FOUND");

        assertThat(http.delete("/characters/" + id, owner).status()).isEqualTo(204);
        assertProblem(http.get("/characters/" + id, owner), 404, "CHARACTER_NOT_FOUND");
    }

    @Test
    void internalEndpointNeedsTheKeyAndReturnsOwnerAndStats() {
        AuthHttp.Response user = register();
        String id = createCharacter(user.text("access_token"), uniqueName("Int", 12), 2).text("id");

        assertProblem(http.getInternal("/characters/" + id + "/internal", null), 401, "INVALID_INTERNAL_KEY");
        assertProblem(http.getInternal("/characters/" + id + "/internal", "wrong"), 401, "INVALID_INTERNAL_KEY");
        assertProblem(http.get("/characters/" + id + "/internal", user.text("access_token")), 401, "INVALID_INTERNAL_KEY");

        AuthHttp.Response internal = http.getInternal("/characters/" + id + "/internal", AuthHttp.INTERNAL_KEY);
        assertThat(internal.status()).isEqualTo(200);
        JsonNode c = internal.json();
        assertThat(c.get("user_id").asString()).isEqualTo(user.text("user_id"));
        assertThat(c.get("map_id").asString()).isEqualTo("1");
        assertThat(c.get("version").asLong()).isZero();
        assertThat(c.get("stats").get("attack").asInt()).isEqualTo(18);
        assertThat(c.get("stats").get("attack_range").asDouble()).isEqualTo(192.0);
        assertProblem(http.getInternal("/characters/987654321/internal", AuthHttp.INTERNAL_KEY), 404, "CHARACTER_NOT_FOUND");
    }

    @Test
    void stateWritesAreVersionedSoNoUpdateIsLost() {
        String id = createCharacter(register().text("access_token"), uniqueName("Save", 12), 1).text("id");
        String path = "/characters/" + id + "/internal/state";
        long lease = lease(id);

        AuthHttp.Response first = http.putInternal(path, state(2, 100.5, 220.25, 120, 10, 2, 150, 0, lease), AuthHttp.INTERNAL_KEY);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("version").asLong()).isEqualTo(1);

        AuthHttp.Response stale = http.putInternal(path, state(1, 1, 1, 1, 1, 1, 0, 0, lease), AuthHttp.INTERNAL_KEY);
        assertProblem(stale, 409, "STALE_VERSION");

        JsonNode saved = http.getInternal("/characters/" + id + "/internal", AuthHttp.INTERNAL_KEY).json();
        assertThat(saved.get("map_id").asString()).isEqualTo("2");
        assertThat(saved.get("position").get("x").asDouble()).isEqualTo(100.5);
        assertThat(saved.get("level").asInt()).isEqualTo(2);
        assertThat(saved.get("max_hp").asInt()).isEqualTo(170);
        assertThat(saved.get("hp").asInt()).isEqualTo(120);
        assertThat(saved.get("exp").asLong()).isEqualTo(150);
        assertThat(saved.get("version").asLong()).isEqualTo(1);
        assertThat(http.putInternal(path, state(2, 5, 5, 170, 33, 2, 160, 1, lease), AuthHttp.INTERNAL_KEY).json().get("version").asLong())
                .isEqualTo(2);
    }

    @Test
    void impossibleStatesAreRefused() {
        String id = createCharacter(register().text("access_token"), uniqueName("Bad", 12), 1).text("id");
        String path = "/characters/" + id + "/internal/state";
        long lease = lease(id);

        assertProblem(http.putInternal(path, state(1, 0, 0, 9999, 0, 1, 0, 0, lease), AuthHttp.INTERNAL_KEY), 400, "INVALID_STATE");
        assertProblem(http.putInternal(path, state(77, 0, 0, 10, 0, 1, 0, 0, lease), AuthHttp.INTERNAL_KEY), 400, "INVALID_STATE");
        assertProblem(http.putInternal(path, state(1, 0, 0, -1, 0, 1, 0, 0, lease), AuthHttp.INTERNAL_KEY), 400, "VALIDATION_FAILED");
        assertProblem(http.putInternal(path, state(1, 1e12, 0, 10, 0, 1, 0, 0, lease), AuthHttp.INTERNAL_KEY), 400, "VALIDATION_FAILED");
        assertProblem(http.putInternal(path, "{\"map_id\":1}", AuthHttp.INTERNAL_KEY), 400, "VALIDATION_FAILED");
        assertProblem(http.putInternal(path, state(1, 0, 0, 10, 0, 1, 0, 0, lease), null), 401, "INVALID_INTERNAL_KEY");
        assertProblem(http.putInternal("/characters/123456789/internal/state", state(1, 0, 0, 10, 0, 1, 0, 0, lease),
                AuthHttp.INTERNAL_KEY), 404, "CHARACTER_NOT_FOUND");
    }

    private static String state(int mapId, double x, double y, int hp, int mp, int level, long exp, long version, long lease) {
        return "{\"map_id\":" + mapId + ",\"position\":{\"x\":" + x + ",\"y\":" + y + "},\"hp\":" + hp + ",\"mp\":" + mp
                + ",\"level\":" + level + ",\"exp\":" + exp + ",\"version\":" + version + ",\"lease_id\":" + lease + "}";
    }

    /** Takes the character's lease for a map server of map 1, as a map server does before it spawns a player. */
    private long lease(String characterId) {
        AuthHttp.Response granted = http.postInternal("/characters/" + characterId + "/internal/lease",
                "{\"server_id\":\"map-server-1\",\"map_id\":1,\"ticket_jti\":\"" + java.util.UUID.randomUUID() + "\"}",
                AuthHttp.INTERNAL_KEY);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        return granted.json().get("lease_id").asLong();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
