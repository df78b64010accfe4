package com.mmorpg.mapserver.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MapFilesTest {

    private static final Path DIR = ShippedContent.DIR;

    @Test
    void shippedMapsLoadWithTheSpawnPointsAuthServiceSeeds() {
        // V1 migration of auth-service: map 1 spawns at (400, 304), map 2 at (208, 208).
        GameMap one = MapFiles.load(DIR, 1);
        GameMap two = MapFiles.load(DIR, 2);

        assertThat(one.spawn()).isEqualTo(new Point(400, 304));
        assertThat(two.spawn()).isEqualTo(new Point(208, 208));
        assertThat(one.name()).isEqualTo("Greenfield Meadows");
        assertThat(two.name()).isEqualTo("Darkwood Forest");
    }

    @Test
    void clientsReceiveWhatTheServerAssumesWhereTheFileIsSilent() {
        String written = "{\"id\":9,\"name\":\"Bare\",\"tile_size\":32,\"spawn\":{\"x\":48,\"y\":48},"
                + "\"tiles\":[\"####\",\"#..#\",\"#..#\",\"####\"]}";
        JsonMapper json = JsonMapper.builder().build();
        MapFiles.MapFile file = new MapFiles.MapFile(9, "Bare", 32, null, null, new Point(48, 48),
                List.of("####", "#..#", "#..#", "####"), null, null);

        JsonNode definition = json.readTree(MapFiles.definition(json.readTree(written), file));

        assertThat(definition.get("blocked").asString()).isEqualTo("#"); // what the server blocks
        assertThat(definition.get("legend").get("#").asString()).isEqualTo("wall");
        assertThat(definition.get("legend").get(".").asString()).isEqualTo("grass");
        assertThat(definition.get("gates").isArray()).isTrue();
        assertThat(definition.get("mob_zones").isEmpty()).isTrue();
        assertThat(definition.get("tiles")).isEqualTo(json.readTree(written).get("tiles"));
        assertThat(MapFiles.load(DIR, 1).definition().length()).isLessThan(com.mmorpg.common.protocol.MapLayout.MAX_DEFINITION_CHARS);
    }

    @Test
    void shippedMapsAreLinkedBothWaysAndGatesLandOnFreeGroundOutsideTheTargetsGates() {
        for (int id : MapFiles.ids(DIR)) {
            GameMap map = MapFiles.load(DIR, id);
            assertThat(map.gates()).isNotEmpty();
            for (Gate gate : map.gates()) {
                GameMap target = MapFiles.load(DIR, gate.targetMap());
                assertThat(target.boxIsFree(gate.target().x(), gate.target().y(), MapFiles.ENTITY_HALF_SIZE))
                        .as("gate %s lands on free ground", gate.name()).isTrue();
                assertThat(target.gateAt(gate.target().x(), gate.target().y()))
                        .as("gate %s does not land in another gate", gate.name()).isNull();
                assertThat(target.gates()).anyMatch(back -> back.targetMap() == id);
            }
        }
    }

    @Test
    void shippedMapsHaveWallsWaterAndMobZones() {
        GameMap one = MapFiles.load(DIR, 1);
        assertThat(one.isBlockedTile(0, 0)).isTrue(); // border
        assertThat(one.isBlockedTile(21, 5)).isTrue(); // pond
        assertThat(one.isBlockedTile(12, 9)).isFalse(); // spawn tile
        assertThat(one.mobZones()).extracting(MobZone::mob).contains("slime", "wolf", "elite_wolf");
    }

    @Test
    void anUnknownMapIdIsAClearErrorNamingTheFolderAndItsMaps() {
        assertThatThrownBy(() -> MapFiles.load(DIR, 99)).isInstanceOf(UnknownMapException.class)
                .hasMessageContaining("no map 99 in the content folder " + DIR.toAbsolutePath().normalize())
                .hasMessageContaining("its maps: [1, 2]");
        assertThatThrownBy(() -> MapFiles.load(Path.of("no-such-content"), 1)).isInstanceOf(InvalidMapException.class)
                .hasMessageContaining("the content folder " + Path.of("no-such-content").toAbsolutePath().normalize()
                        + " (CONTENT_DIR no-such-content) does not exist");
    }

    @Test
    void aMapAddedToAContentFolderIsLoadedByItsIdAndNoShippedListStandsInTheWay(@TempDir Path content) throws Exception {
        Files.createDirectories(content.resolve("maps"));
        Files.copy(DIR.resolve("mobs.json"), content.resolve("mobs.json"));
        Files.writeString(content.resolve("maps/7.json"), "{\"id\":7,\"name\":\"Cellar\",\"tile_size\":32,"
                + "\"spawn\":{\"x\":64,\"y\":64},\"tiles\":[\"#####\",\"#...#\",\"#...#\",\"#####\"],"
                + "\"mob_zones\":[{\"mob\":\"slime\",\"count\":1,\"area\":{\"x\":2,\"y\":1,\"w\":2,\"h\":2}}]}");
        Files.writeString(content.resolve("maps/notes.json"), "{}"); // not a map: its name is no id

        GameMap cellar = MapFiles.load(content, 7);
        MobCatalog.load(content).check(cellar);

        assertThat(MapFiles.ids(content)).containsExactly(7);
        assertThat(cellar.name()).isEqualTo("Cellar");
        assertThat(cellar.widthTiles()).isEqualTo(5);
        Files.writeString(content.resolve("maps/8.json"), Files.readString(content.resolve("maps/7.json")));
        assertThatThrownBy(() -> MapFiles.load(content, 8)).isInstanceOf(InvalidMapException.class)
                .hasMessageContaining("maps/8.json: its id is 7, not the 8 of its name");
        Files.delete(content.resolve("mobs.json"));
        assertThatThrownBy(() -> MobCatalog.load(content)).isInstanceOf(InvalidMapException.class)
                .hasMessageContaining("mobs.json is missing from the content folder " + content.toAbsolutePath().normalize());
    }

    @Test
    void mapsThatCannotBePlayedAreRefused() {
        var legend = Map.of(".", "grass", "#", "wall");
        assertThatThrownBy(() -> MapFiles.parse(new MapFiles.MapFile(5, "ragged", 32, legend, "#", new Point(48, 48),
                List.of("###", "#.", "###"), null, null), "t")).hasMessageContaining("row 1");
        assertThatThrownBy(() -> MapFiles.parse(new MapFiles.MapFile(5, "walled-in", 32, legend, "#", new Point(16, 16),
                List.of("###", "#.#", "###"), null, null), "t")).hasMessageContaining("spawn point is blocked");
        assertThatThrownBy(() -> MapFiles.parse(new MapFiles.MapFile(5, "odd", 32, legend, "#", new Point(48, 48),
                List.of("###", "#?#", "###"), null, null), "t")).hasMessageContaining("legend");
        assertThatThrownBy(() -> MapFiles.parse(new MapFiles.MapFile(5, "gate", 32, legend, "#", new Point(48, 48),
                List.of("###", "#.#", "###"), List.of(new Gate("g", new TileRect(2, 2, 5, 5), 1, new Point(1, 1))), null), "t"))
                .hasMessageContaining("outside the map");
    }
}
