package com.mmorpg.auth.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.WorldContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public map route: the map a map server simulates, as clients draw it, cached by the content version. */
class MapRouteTest extends AuthIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WorldContent content;

    @Test
    void theIndexListsEveryMapWithTheContentVersionAsItsETag() throws Exception {
        HttpResponse<byte[]> index = get("/maps", null);

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("ETag")).contains("\"" + content.version() + "\"");
        assertThat(index.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("public"));
        JsonNode body = JSON.readTree(index.body());
        assertThat(body.get("version").asString()).isEqualTo(content.version());
        assertThat(body.get("maps").size()).isEqualTo(3);
        assertThat(body.get("maps").get(2).get("name").asString()).isEqualTo("Sunken Crypt");
        assertThat(body.get("maps").get(2).get("source").asString()).isEqualTo("/content/maps/3.tmj");
    }

    @Test
    void theItemTypesAreServedAsTheContentHasThemAndRevalidateTo304() throws Exception {
        HttpResponse<byte[]> served = get("/items", null);

        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(served.body());
        assertThat(body.get("items").size()).isEqualTo(content.items().all().size());
        JsonNode sword = body.get("items").get(5);
        assertThat(sword.get("key").asString()).isEqualTo("rusty_sword");
        assertThat(sword.get("kind").asString()).isEqualTo("weapon");
        assertThat(sword.get("slot").asString()).isEqualTo("weapon");
        assertThat(sword.get("attack").asInt()).isEqualTo(4);
        assertThat(body.get("items").get(0).get("cooldown_ticks").asInt()).isEqualTo(40);
        assertThat(get("/items", served.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
    }

    @Test
    void aMapIsTheCollisionTheServerSimulatesAndRevalidatesTo304() throws Exception {
        GameMap crypt = content.map(3);

        HttpResponse<byte[]> served = get("/maps/3", null);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode map = JSON.readTree(served.body());
        assertThat(map.get("source").asString()).isEqualTo("maps/3.tmj");
        for (int y = 0; y < crypt.heightTiles(); y++) {
            String row = map.get("tiles").get(y).asString();
            for (int x = 0; x < crypt.widthTiles(); x++) {
                assertThat(map.get("blocked").asString().indexOf(row.charAt(x)) >= 0).as("tile %d,%d", x, y)
                        .isEqualTo(crypt.isBlockedTile(x, y));
            }
        }
        HttpResponse<byte[]> again = get("/maps/3", served.headers().firstValue("ETag").orElseThrow());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/maps/3", "\"0000000000000000\"").statusCode()).as("another version").isEqualTo(200);
    }

    @Test
    void aTiledMapsFilesAreServedAsTheFolderHoldsThemAndNothingElseIs() throws Exception {
        HttpResponse<byte[]> tmj = get("/content/maps/3.tmj", null);
        HttpResponse<byte[]> png = get("/content/maps/dungeon.png", null);

        assertThat(tmj.statusCode()).isEqualTo(200);
        assertThat(tmj.body()).isEqualTo(Files.readAllBytes(content.folder().resolve("maps/3.tmj")));
        assertThat(JSON.readTree(tmj.body()).get("tilesets").get(0).get("source").asString()).isEqualTo("dungeon.tsj");
        assertThat(get("/content/maps/dungeon.tsj", null).statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(png.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(png.body()).isEqualTo(Files.readAllBytes(content.folder().resolve("maps/dungeon.png")));

        for (String path : new String[] {"/content/classes.json", "/content/mobs.json", "/content/maps/", "/content/maps/%2e%2e/classes.json"}) {
            HttpResponse<byte[]> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isIn(400, 404);
            assertThat(new String(refused.body())).as(path).doesNotContain("Warrior", "slime");
        }
        assertThat(JSON.readTree(get("/content/classes.json", null).body()).get("code").asString()).isEqualTo("MAP_FILE_NOT_FOUND");
        for (String path : new String[] {"/maps/99", "/maps/abc", "/maps/-1", "/maps/99999999999999999999"}) {
            HttpResponse<byte[]> missing = get(path, null);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).get("code").asString()).as(path).isEqualTo("MAP_NOT_FOUND");
        }
    }

    private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
