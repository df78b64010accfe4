package com.mmorpg.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code content.sh check}: each broken content names its file and place, and fails the check. */
class ContentCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> brokenContents() {
        return Stream.of(
                broken("an unknown tile", "maps/1.json: row 3 column 5: tile '?' is not in the legend",
                        json("maps/1.json", map -> {
                            ArrayNode tiles = (ArrayNode) map.get("tiles");
                            String row = tiles.get(3).asString();
                            tiles.set(3, row.substring(0, 5) + "?" + row.substring(6));
                        })),
                broken("a gate to a missing map", "maps/2.json: gate \"To Greenfield Meadows\": leads to map 9, which the content folder does not have",
                        json("maps/2.json", map -> ((ObjectNode) map.get("gates").get(0)).put("target_map", 9))),
                broken("a gate onto a wall", "maps/2.json: gate \"To Greenfield Meadows\": leads onto (16.0, 16.0) of map 1, a blocked tile",
                        json("maps/2.json", map -> ((ObjectNode) map.get("gates").get(0)).putObject("target").put("x", 16).put("y", 16))),
                broken("a spawn on a blocked tile", "maps/1.json: spawn: (16.0, 16.0) is on a blocked tile",
                        json("maps/1.json", map -> map.putObject("spawn").put("x", 16).put("y", 16))),
                broken("a mob zone naming an unknown mob", "maps/3.tmj: mob zone 0 (skeleton_king): mob \"skeleton_king\" is not in mobs.json",
                        text("maps/3.tmj", "\"value\": \"skeleton\"", "\"value\": \"skeleton_king\"")),
                broken("a class without growth", "classes.json: classes[1] (Mage): growth missing",
                        json("classes.json", file -> ((ObjectNode) file.get("classes").get(1)).remove("growth"))),
                broken("two classes with one id", "classes.json: classes[2] (Archer): id 1 is used by an earlier class",
                        json("classes.json", file -> ((ObjectNode) file.get("classes").get(2)).put("id", 1))),
                broken("two mob types with one key", "mobs.json: mobs[4] (wolf): key wolf is used by an earlier mob type",
                        json("mobs.json", file -> ((ObjectNode) file.get("mobs").get(4)).put("key", "wolf"))),
                broken("a Tiled tile from no tileset", "maps/3.tmj: layer \"ground\" row 1 column 15: tile gid 99 belongs to no tileset",
                        json("maps/3.tmj", map -> ((ArrayNode) map.get("layers").get(0).get("data")).set(45, 99))),
                broken("a tileset's missing image", "maps/dungeon.tsj: image: \"dungeon.png\" does not exist",
                        folder -> delete(folder.resolve("maps/dungeon.png"))),
                broken("a Tiled map without a spawn", "maps/3.tmj: objects: no spawn",
                        json("maps/3.tmj", map -> ((ArrayNode) map.get("layers").get(2).get("objects")).remove(0))),
                broken("a file that is not JSON", "mobs.json: line 3, column",
                        folder -> write(folder.resolve("mobs.json"), "{\n  \"mobs\": [\n  {\"key\": }\n]}")),
                broken("a loot line naming an unknown item", "loot.json: loot.slime[1] (elixir): item \"elixir\" is not in items.json",
                        json("loot.json", file -> ((ObjectNode) file.get("loot").get("slime").get(1)).put("item", "elixir"))),
                broken("a loot table of an unknown mob", "loot.json: loot.dragon: mob \"dragon\" is not in mobs.json",
                        json("loot.json", file -> ((ObjectNode) file.get("loot")).set("dragon", file.get("loot").get("slime")))),
                broken("a loot line dropping more than a stack", "loot.json: loot.wolf[2] (hunter_bow): max 2 is more than one stack of hunter_bow (1)",
                        json("loot.json", file -> ((ObjectNode) file.get("loot").get("wolf").get(2)).put("max", 2))),
                broken("a loot chance above 1", "loot.json: loot.slime[0] (slime_gel): chance must be above 0 and at most 1, not 1.5",
                        json("loot.json", file -> ((ObjectNode) file.get("loot").get("slime").get(0)).put("chance", 1.5))),
                broken("armor without a slot", "items.json: items[10] (leather_vest): armor needs a slot: head, body or feet",
                        json("items.json", file -> ((ObjectNode) file.get("items").get(10)).remove("slot"))),
                broken("an item of an unknown kind", "items.json: items[0] (health_potion): kind must be weapon, armor, consumable or material, not potion",
                        json("items.json", file -> ((ObjectNode) file.get("items").get(0)).put("kind", "potion"))),
                broken("a stacking weapon", "items.json: items[5] (rusty_sword): what is worn does not stack: stack must be 1",
                        json("items.json", file -> ((ObjectNode) file.get("items").get(5)).put("stack", 5))),
                broken("two item types with one id", "items.json: items[3] (wolf_pelt): id 10 is used by an earlier item type",
                        json("items.json", file -> ((ObjectNode) file.get("items").get(3)).put("id", 10))),
                broken("one map id in two files", "maps/3.tmj: map 3 is also maps/3.json; keep one file per map id",
                        folder -> write(folder.resolve("maps/3.json"), "{}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenContents")
    void aBrokenContentFailsTheCheckNamingItsFileAndPlace(String what, String expected, Consumer<Path> breakIt, @TempDir Path folder) {
        Path content = ShippedContent.copyTo(folder);
        breakIt.accept(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ContentCheck.run(new String[] {"check", content.toString()}, null, print(out), print(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("  " + expected);
        assertThat(out.size()).isZero();
    }

    @Test
    void theShippedContentPassesWithItsVersionAndTheUsageIsShownForAnythingButCheck() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(ContentCheck.run(new String[] {"check"}, ShippedContent.DIR.toString(), print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(": valid, version " + WorldContent.load(ShippedContent.DIR).version()
                + ": 3 maps [1, 2, 3], 5 mob types, 3 classes, 13 item types, 5 loot tables");
        assertThat(ContentCheck.run(new String[] {"verify"}, null, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ContentCheck.USAGE);
    }

    private static Arguments broken(String what, String expected, Consumer<Path> breakIt) {
        return Arguments.of(what, expected, breakIt);
    }

    private static Consumer<Path> json(String file, Consumer<ObjectNode> change) {
        return folder -> {
            ObjectNode tree = (ObjectNode) JSON.readTree(folder.resolve(file).toFile());
            change.accept(tree);
            write(folder.resolve(file), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        };
    }

    private static Consumer<Path> text(String file, String from, String to) {
        return folder -> {
            try {
                String text = Files.readString(folder.resolve(file));
                assertThat(text).contains(from);
                write(folder.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
