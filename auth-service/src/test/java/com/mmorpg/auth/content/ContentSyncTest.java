package com.mmorpg.auth.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mmorpg.auth.AuthHttp;
import com.mmorpg.auth.AuthIntegrationTest;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.config.UnusableConfigurationException;
import com.mmorpg.testsupport.ContentFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** auth-service's maps and classes are the content folder's: upserted by id at start, never dropping what characters use. */
class ContentSyncTest extends AuthIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WorldContent content;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDatabaseHoldsTheShippedClassesAndEveryMapsSpawnPoint() {
        JsonNode classes = http.get("/character-classes", null).json();

        assertThat(classes.size()).isEqualTo(content.classes().size());
        for (int i = 0; i < classes.size(); i++) {
            assertThat(classes.get(i).get("name").asString()).isEqualTo(content.classes().get(i).name());
            assertThat(classes.get(i).get("hp").asInt()).isEqualTo(content.classes().get(i).hp());
        }
        List<String> maps = jdbc.sql("SELECT id || ':' || name || '@' || spawn_x || ',' || spawn_y FROM world_maps ORDER BY id")
                .query(String.class).list();
        assertThat(maps).containsExactly("1:Greenfield Meadows@400,304", "2:Darkwood Forest@208,208", "3:Sunken Crypt@144,336");
    }

    @Test
    void aChangedFolderIsUpsertedByIdTwoClassesMaySwapNamesAndWhatNoCharacterUsesIsRemoved(@TempDir Path folder) throws IOException {
        Path changed = copy(folder);
        edit(changed.resolve("classes.json"), file -> {
            ArrayNode classes = (ArrayNode) file.get("classes");
            ((ObjectNode) classes.get(1)).put("name", "Archer");
            ((ObjectNode) classes.get(2)).put("name", "Mage");
            ObjectNode monk = ((ObjectNode) classes.get(0)).deepCopy();
            monk.put("id", 9).put("name", "Monk").put("hp", 130);
            classes.add(monk);
        });
        try {
            sync(changed);

            assertThat(className(2)).isEqualTo("Archer");
            assertThat(className(3)).isEqualTo("Mage");
            assertThat(jdbc.sql("SELECT hp FROM character_classes WHERE id = 9").query(Integer.class).single()).isEqualTo(130);

            sync(content.folder()); // class 9 is in no character: removed
            assertThat(jdbc.sql("SELECT count(*) FROM character_classes WHERE id = 9").query(Long.class).single()).isZero();
            assertThat(className(2)).isEqualTo("Mage");
        } finally {
            sync(content.folder());
        }
    }

    @Test
    void aClassOrMapThatCharactersUseCannotLeaveTheFolder(@TempDir Path folder) throws IOException {
        String token = register().text("access_token");
        AuthHttp.Response archer = createCharacter(token, uniqueName("Arc", 12), 3);
        assertThat(archer.status()).as(archer.body()).isEqualTo(201);
        Path withoutArchers = copy(folder.resolve("a"));
        edit(withoutArchers.resolve("classes.json"), file -> ((ArrayNode) file.get("classes")).remove(2));

        assertThatThrownBy(() -> sync(withoutArchers)).isInstanceOf(UnusableConfigurationException.class)
                .hasMessageContaining("has no class 3 in classes.json, but")
                .hasMessageContaining("characters are of it: keep the class (its id)");
        assertThat(className(3)).as("the failed sync changed nothing").isEqualTo("Archer");

        jdbc.sql("UPDATE characters SET map_id = 3 WHERE id = ?").param(Long.parseLong(archer.text("id"))).update();
        Path withoutCrypt = copy(folder.resolve("b"));
        Files.delete(withoutCrypt.resolve("maps/3.tmj"));
        edit(withoutCrypt.resolve("maps/2.json"), map -> ((ArrayNode) map.get("gates")).remove(1));

        assertThatThrownBy(() -> sync(withoutCrypt)).isInstanceOf(UnusableConfigurationException.class)
                .hasMessageContaining("has no map 3, but 1 characters are on it: keep maps/3");
        assertThat(jdbc.sql("SELECT count(*) FROM world_maps WHERE id = 3").query(Long.class).single()).isOne();
        jdbc.sql("UPDATE characters SET map_id = 1 WHERE id = ?").param(Long.parseLong(archer.text("id"))).update();
    }

    @Test
    void anItemTypeCharactersHoldCannotLeaveTheFolder(@TempDir Path folder) throws IOException {
        String token = register().text("access_token");
        long character = Long.parseLong(createCharacter(token, uniqueName("Itm", 12), 1).text("id"));
        long item = jdbc.sql("SELECT nextval('item_ids')").query(Long.class).single();
        jdbc.sql("INSERT INTO items (id, character_id, type_id, quantity, slot) VALUES (?, ?, 203, 1, 0)").params(item, character).update();
        Path withoutPlate = copy(folder.resolve("a"));
        edit(withoutPlate.resolve("items.json"), file -> ((ArrayNode) file.get("items")).remove(12)); // knight_plate, id 203
        edit(withoutPlate.resolve("loot.json"), file -> ((ArrayNode) file.get("loot").get("elite_skeleton")).remove(2));

        try {
            assertThatThrownBy(() -> sync(withoutPlate)).isInstanceOf(UnusableConfigurationException.class)
                    .hasMessageContaining("has no item type 203 in items.json, but characters hold 1 items of it: keep the type");
        } finally {
            jdbc.sql("DELETE FROM items WHERE id = ?").param(item).update();
        }
    }

    private void sync(Path folder) {
        new ContentSync(WorldContent.load(folder), jdbc, transactions);
    }

    private String className(int id) {
        return jdbc.sql("SELECT name FROM character_classes WHERE id = ?").param(id).query(String.class).single();
    }

    private Path copy(Path target) {
        return ContentFolders.copy(content.folder(), target);
    }

    private static void edit(Path file, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(tree);
        Files.writeString(file, JSON.writeValueAsString(tree));
    }
}
