package com.mmorpg.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The shipped Tiled map (maps/3.tmj), read as the server reads it, and the encodings Tiled can write. */
class TiledMapFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void wallsAndWaterBlockThroughTheirTilesetPropertyAndTheCollisionLayerBlocksWhatItCovers() {
        GameMap crypt = WorldContent.load(ShippedContent.DIR).map(3);

        assertThat(crypt.widthTiles()).isEqualTo(30);
        assertThat(crypt.heightTiles()).isEqualTo(20);
        assertThat(crypt.tileSize()).isEqualTo(32);
        assertThat(crypt.isBlockedTile(0, 0)).as("border wall").isTrue();
        assertThat(crypt.isBlockedTile(18, 8)).as("pool: water tile, blocked in the tileset").isTrue();
        assertThat(crypt.isBlockedTile(13, 12)).as("statue: floor drawn, blocked by the collision layer").isTrue();
        assertThat(crypt.isBlockedTile(12, 12)).as("floor").isFalse();
        assertThat(crypt.isBlockedTile(8, 10)).as("doorway in the inner wall").isFalse();
        assertThat(crypt.isBlockedTile(8, 5)).as("inner wall").isTrue();
    }

    @Test
    void objectsGiveTheSpawnGatesMobZonesAndSafeZonesInWholeTiles() {
        GameMap crypt = WorldContent.load(ShippedContent.DIR).map(3);

        assertThat(crypt.spawn()).isEqualTo(new Point(144, 336));
        assertThat(crypt.gates()).containsExactly(new Gate("To Darkwood Forest", new TileRect(1, 9, 1, 3), 2, new Point(1168, 208)));
        assertThat(crypt.mobZones()).containsExactly(new MobZone("skeleton", 5, new TileRect(12, 3, 15, 14)),
                new MobZone("elite_skeleton", 1, new TileRect(23, 14, 4, 4)));
        assertThat(crypt.safeZones()).containsExactly(new SafeZone("Crypt Shrine", new TileRect(1, 7, 6, 7)));
        assertThat(crypt.isSafe(144, 336)).isTrue();
        assertThat(crypt.isSafe(400, 336)).isFalse();
    }

    @Test
    void clientsReceiveTheCollisionGridTheServerSimulatesAndWhereTheDrawingIs() {
        GameMap crypt = WorldContent.load(ShippedContent.DIR).map(3);

        JsonNode definition = JSON.readTree(crypt.definition());

        assertThat(definition.get("source").asString()).isEqualTo("maps/3.tmj");
        assertThat(definition.get("tiles").size()).isEqualTo(20);
        for (int y = 0; y < 20; y++) {
            String row = definition.get("tiles").get(y).asString();
            for (int x = 0; x < 30; x++) {
                assertThat(row.charAt(x) == '#').as("tile %d,%d", x, y).isEqualTo(crypt.isBlockedTile(x, y));
            }
        }
        assertThat(definition.get("safe_zones").get(0).get("name").asString()).isEqualTo("Crypt Shrine");
        assertThat(definition.get("gates").get(0).get("target_map").asInt()).isEqualTo(2);
    }

    @Test
    void clientsMayFetchEveryMapFileAndTheTilesetsAndImagesTiledMapsNameAndNothingElse() {
        WorldContent content = WorldContent.load(ShippedContent.DIR);

        assertThat(content.mapAssets().keySet()).containsExactlyInAnyOrder("maps/1.json", "maps/2.json", "maps/3.tmj", "maps/dungeon.png",
                "maps/dungeon.tsj");
        assertThat(content.mapAssets().get("maps/dungeon.png")).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void base64TilesPlainOrZlibCompressedReadTheSameAsCsv(@TempDir Path folder) throws Exception {
        Path content = ShippedContent.copyTo(folder);
        GameMap csv = WorldContent.load(content).map(3);
        Path file = content.resolve("maps/3.tmj");
        ObjectNode map = (ObjectNode) JSON.readTree(file.toFile());

        for (String compression : new String[] {"", "zlib"}) {
            ObjectNode encoded = map.deepCopy();
            for (JsonNode layer : encoded.get("layers")) {
                if (layer.path("type").asString().equals("tilelayer")) {
                    ObjectNode tiles = (ObjectNode) layer;
                    tiles.put("encoding", "base64");
                    tiles.put("compression", compression);
                    tiles.put("data", base64((ArrayNode) layer.get("data"), compression));
                }
            }
            Files.writeString(file, JSON.writeValueAsString(encoded));

            GameMap read = WorldContent.load(content).map(3);

            assertThat(read.definition()).as("compression '%s'", compression).isEqualTo(csv.definition());
        }
    }

    private static String base64(ArrayNode gids, String compression) throws Exception {
        ByteBuffer raw = ByteBuffer.allocate(gids.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        gids.forEach(gid -> raw.putInt((int) gid.asLong()));
        byte[] bytes = raw.array();
        if (compression.equals("zlib")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
                deflate.write(bytes);
            }
            bytes = out.toByteArray();
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
