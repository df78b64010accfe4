package com.mmorpg.auth.content;

import com.mmorpg.content.ClassDefinition;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.config.UnusableConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the database's maps and classes those of the content folder, at start and before anything reads
 * them: each map's name and spawn point and each class's numbers are upserted by id (ids are stable:
 * characters refer to them); a map or class the folder no longer has is deleted when no character
 * uses it, and stops the service with a clear message when one does. One transaction under an
 * advisory lock, so replicas starting together apply it once each, in turn; class names are unique
 * only at commit (V10), so two classes may swap names.
 */
@Component
public class ContentSync {

    private static final Logger log = LoggerFactory.getLogger(ContentSync.class);
    /** pg_advisory_xact_lock key of this sync: "content" in ASCII. */
    private static final long LOCK = 0x636f6e74656e74L;

    private final WorldContent content;

    ContentSync(WorldContent content, JdbcClient jdbc, TransactionTemplate transactions) {
        this.content = content;
        transactions.executeWithoutResult(status -> sync(jdbc));
    }

    /** The version of the content this service runs: map servers must run the same. */
    public String version() {
        return content.version();
    }

    private void sync(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
        List<String> changes = new ArrayList<>();
        Set<Integer> mapIds = new TreeSet<>(jdbc.sql("SELECT id FROM world_maps").query(Integer.class).list());
        for (GameMap map : content.maps().values()) {
            int changed = jdbc.sql("""
                            INSERT INTO world_maps (id, name, spawn_x, spawn_y) VALUES (?, ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET name = excluded.name, spawn_x = excluded.spawn_x, spawn_y = excluded.spawn_y
                            WHERE (world_maps.name, world_maps.spawn_x, world_maps.spawn_y)
                                IS DISTINCT FROM (excluded.name, excluded.spawn_x, excluded.spawn_y)""")
                    .params(map.id(), map.name(), (double) map.spawn().x(), (double) map.spawn().y()).update();
            if (changed > 0) {
                changes.add((mapIds.contains(map.id()) ? "updated" : "added") + " map " + map.id());
            }
            mapIds.remove(map.id());
        }
        for (int gone : mapIds) {
            long on = jdbc.sql("SELECT count(*) FROM characters WHERE map_id = ?").param(gone).query(Long.class).single();
            if (on > 0) {
                throw new UnusableConfigurationException("the content folder " + WorldContent.describe(content.folder()) + " has no map "
                        + gone + ", but " + on + " characters are on it: keep maps/" + gone + " (its id) or move them first");
            }
            jdbc.sql("DELETE FROM world_maps WHERE id = ?").param(gone).update();
            changes.add("removed map " + gone);
        }
        Set<Integer> classIds = new TreeSet<>(jdbc.sql("SELECT id FROM character_classes").query(Integer.class).list());
        for (ClassDefinition k : content.classes()) {
            ClassDefinition.Growth g = k.growth();
            int changed = jdbc.sql("""
                            INSERT INTO character_classes (id, name, description, hp, mp, attack, defense, speed, attack_range,
                                hp_per_level, mp_per_level, attack_per_level, defense_per_level)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                                hp = excluded.hp, mp = excluded.mp, attack = excluded.attack, defense = excluded.defense,
                                speed = excluded.speed, attack_range = excluded.attack_range, hp_per_level = excluded.hp_per_level,
                                mp_per_level = excluded.mp_per_level, attack_per_level = excluded.attack_per_level,
                                defense_per_level = excluded.defense_per_level
                            WHERE (character_classes.*) IS DISTINCT FROM (excluded.*)""")
                    .params(k.id(), k.name(), k.description(), k.hp(), k.mp(), k.attack(), k.defense(), k.speed(), k.attackRange(),
                            g.hp(), g.mp(), g.attack(), g.defense()).update();
            if (changed > 0) {
                changes.add((classIds.contains(k.id()) ? "updated" : "added") + " class " + k.id() + " (" + k.name() + ")");
            }
            classIds.remove(k.id());
        }
        for (int gone : classIds) {
            long of = jdbc.sql("SELECT count(*) FROM characters WHERE class_id = ?").param(gone).query(Long.class).single();
            if (of > 0) {
                throw new UnusableConfigurationException("the content folder " + WorldContent.describe(content.folder())
                        + " has no class " + gone + " in classes.json, but " + of + " characters are of it: keep the class (its id)");
            }
            jdbc.sql("DELETE FROM character_classes WHERE id = ?").param(gone).update();
            changes.add("removed class " + gone);
        }
        // Items are not rows of the content here, but stored items name their type: a type characters hold stays.
        Set<Integer> itemTypes = new TreeSet<>();
        content.items().all().forEach(type -> itemTypes.add(type.id()));
        for (List<Object> held : jdbc.sql("SELECT type_id, count(*) FROM items GROUP BY type_id ORDER BY type_id")
                .query((row, n) -> List.<Object>of(row.getInt(1), row.getLong(2))).list()) {
            if (!itemTypes.contains((Integer) held.get(0))) {
                throw new UnusableConfigurationException("the content folder " + WorldContent.describe(content.folder())
                        + " has no item type " + held.get(0) + " in items.json, but characters hold " + held.get(1)
                        + " items of it: keep the type (its id)");
            }
        }
        log.info("Content version={} from {}: maps {}, {} classes; {}", content.version(), WorldContent.describe(content.folder()),
                content.maps().keySet(), content.classes().size(), changes.isEmpty() ? "the database already had it" : String.join(", ", changes));
    }
}
