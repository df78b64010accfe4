package com.mmorpg.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WorldContentTest {

    private static final Path DIR = ShippedContent.DIR;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theShippedWorldHasThreeMapsFiveMobTypesAndThreeClasses() {
        WorldContent content = WorldContent.load(DIR);

        assertThat(content.maps().keySet()).containsExactly(1, 2, 3);
        assertThat(content.map(1).spawn()).isEqualTo(new Point(400, 304));
        assertThat(content.map(2).spawn()).isEqualTo(new Point(208, 208));
        assertThat(content.map(1).name()).isEqualTo("Greenfield Meadows");
        assertThat(content.map(3).name()).isEqualTo("Sunken Crypt");
        assertThat(content.mapFile(3)).isEqualTo("maps/3.tmj");
        assertThat(content.mobs().all()).extracting(MobType::key)
                .containsExactly("slime", "wolf", "skeleton", "elite_wolf", "elite_skeleton");
        assertThat(content.classes()).extracting(ClassDefinition::name).containsExactly("Warrior", "Mage", "Archer");
        assertThat(content.classes().getFirst().growth()).isEqualTo(new ClassDefinition.Growth(20, 3, 3, 2));
        assertThat(content.version()).matches("[0-9a-f]{16}");
    }

    @Test
    void theShippedWorldHasItemsAndEveryMobTypeDropsSomething() {
        ItemCatalog items = WorldContent.load(DIR).items();

        ItemType potion = items.get("health_potion");
        assertThat(potion.kind()).isEqualTo(ItemType.Kind.CONSUMABLE);
        assertThat(potion.stack()).isEqualTo(20);
        assertThat(potion.heal()).isPositive();
        ItemType sword = items.get("rusty_sword");
        assertThat(sword.slot()).as("a weapon's slot when the file leaves it out").isEqualTo(ItemType.Slot.WEAPON);
        assertThat(sword.stack()).isEqualTo(1);
        assertThat(items.byId(203)).map(ItemType::slot).contains(ItemType.Slot.BODY);
        assertThat(items.lootTables().keySet()).containsExactlyInAnyOrder("slime", "wolf", "skeleton", "elite_wolf", "elite_skeleton");
        assertThat(items.lootOf("slime").getFirst()).isEqualTo(new LootEntry("slime_gel", 0.6, 1, 3));
        assertThat(items.lootOf("wolf").get(1)).as("min and max default to 1").isEqualTo(new LootEntry("health_potion", 0.3, 1, 2));
        assertThat(items.lootOf("slime").get(1)).isEqualTo(new LootEntry("health_potion", 0.25, 1, 1));
        assertThat(items.lootOf("nobody")).isEmpty();
    }

    @Test
    void aWorldWithoutItemFilesHasNoItemsAndNoLoot(@TempDir Path folder) throws Exception {
        Path content = ShippedContent.copyTo(folder);
        Files.delete(content.resolve("items.json"));
        Files.delete(content.resolve("loot.json"));

        WorldContent loaded = WorldContent.load(content);

        assertThat(loaded.items().all()).isEmpty();
        assertThat(loaded.items().lootOf("slime")).isEmpty();
    }

    @Test
    void lootWithoutItemsIsAProblemNamingTheLine(@TempDir Path folder) throws Exception {
        Path content = ShippedContent.copyTo(folder);
        Files.delete(content.resolve("items.json"));

        assertThat(WorldContent.check(content)).extracting(ContentProblem::toString)
                .contains("loot.json: loot.slime[0] (slime_gel): item \"slime_gel\" is not in items.json");
    }

    @Test
    void shippedMapsAreLinkedBothWaysAndHaveWallsWaterAndMobZones() {
        WorldContent content = WorldContent.load(DIR);
        for (GameMap map : content.maps().values()) {
            assertThat(map.gates()).as("gates of map %d", map.id()).isNotEmpty();
            for (Gate gate : map.gates()) {
                assertThat(content.map(gate.targetMap()).gates()).anyMatch(back -> back.targetMap() == map.id());
            }
        }
        GameMap one = content.map(1);
        assertThat(one.isBlockedTile(0, 0)).isTrue(); // border
        assertThat(one.isBlockedTile(21, 5)).isTrue(); // pond
        assertThat(one.isBlockedTile(12, 9)).isFalse(); // spawn tile
        assertThat(one.mobZones()).extracting(MobZone::mob).contains("slime", "wolf", "elite_wolf");
    }

    @Test
    void clientsReceiveWhatTheServerAssumesWhereAnAsciiFileIsSilent(@TempDir Path folder) throws Exception {
        Path content = ShippedContent.copyTo(folder);
        String written = "{\"id\":1,\"name\":\"Bare\",\"tile_size\":32,\"spawn\":{\"x\":48,\"y\":48},"
                + "\"tiles\":[\"####\",\"#..#\",\"#..#\",\"####\"]}";
        Files.writeString(content.resolve("maps/1.json"), written);
        Files.writeString(content.resolve("maps/2.json"), Files.readString(content.resolve("maps/2.json")).replace("\"target_map\": 1", "\"target_map\": 3")
                .replace("\"x\": 1472", "\"x\": 144").replace("\"y\": 304", "\"y\": 336"));

        JsonNode definition = JSON.readTree(WorldContent.load(content).map(1).definition());

        assertThat(definition.get("blocked").asString()).isEqualTo("#"); // what the server blocks
        assertThat(definition.get("legend").get("#").asString()).isEqualTo("wall");
        assertThat(definition.get("legend").get(".").asString()).isEqualTo("grass");
        assertThat(definition.get("gates").isArray()).isTrue();
        assertThat(definition.get("mob_zones").isEmpty()).isTrue();
        assertThat(definition.get("safe_zones").isEmpty()).isTrue();
        assertThat(definition.get("tiles")).isEqualTo(JSON.readTree(written).get("tiles"));
    }

    @Test
    void aMapAddedToAContentFolderIsLoadedByItsIdAndFilesNamedForNoIdAreNotMaps(@TempDir Path folder) throws Exception {
        Path content = ShippedContent.copyTo(folder);
        Files.writeString(content.resolve("maps/7.json"), "{\"id\":7,\"name\":\"Cellar\",\"tile_size\":32,"
                + "\"spawn\":{\"x\":64,\"y\":64},\"tiles\":[\"#####\",\"#...#\",\"#...#\",\"#####\"],"
                + "\"mob_zones\":[{\"mob\":\"slime\",\"count\":1,\"area\":{\"x\":2,\"y\":1,\"w\":2,\"h\":2}}]}");
        Files.writeString(content.resolve("maps/notes.json"), "{}");

        WorldContent loaded = WorldContent.load(content);

        assertThat(loaded.maps().keySet()).containsExactly(1, 2, 3, 7);
        assertThat(loaded.map(7).name()).isEqualTo("Cellar");
        assertThat(loaded.map(7).widthTiles()).isEqualTo(5);
    }

    @Test
    void theVersionIsTheFilesNotWhereTheyLieAndAnyChangedByteChangesIt(@TempDir Path one, @TempDir Path two) throws Exception {
        String shipped = WorldContent.load(DIR).version();
        assertThat(WorldContent.load(ShippedContent.copyTo(one)).version()).isEqualTo(shipped);

        Path changed = ShippedContent.copyTo(two);
        Files.writeString(changed.resolve(".notes"), "hidden files are not content");
        assertThat(WorldContent.load(changed).version()).isEqualTo(shipped);
        byte[] image = Files.readAllBytes(changed.resolve("maps/dungeon.png"));
        image[image.length - 20] ^= 1;
        Files.write(changed.resolve("maps/dungeon.png"), image);
        assertThat(WorldContent.load(changed).version()).isNotEqualTo(shipped);
    }

    @Test
    void anUnknownMapIdIsAClearErrorNamingTheFolderAndItsMaps() {
        assertThatThrownBy(() -> WorldContent.load(DIR).map(99)).isInstanceOf(UnknownMapException.class)
                .hasMessageContaining("no map 99 in the content folder " + DIR.toAbsolutePath().normalize())
                .hasMessageContaining("its maps: [1, 2, 3]");
        assertThatThrownBy(() -> WorldContent.load(Path.of("no-such-content"))).isInstanceOf(InvalidContentException.class)
                .hasMessageContaining("the content folder " + Path.of("no-such-content").toAbsolutePath().normalize()
                        + " (CONTENT_DIR no-such-content) does not exist");
    }
}
