package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.CharacterResponse;
import com.mmorpg.auth.character.CharacterViews.Position;
import com.mmorpg.auth.characterclass.CharacterClass;
import com.mmorpg.auth.characterclass.CharacterClasses;
import com.mmorpg.auth.content.ContentSync;
import com.mmorpg.common.internal.CharacterRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hot reads: the character-select list and the gateway's ownership check on every
 * enter_world. One indexed SQL statement each, straight into response records (classes come from
 * the in-memory class table); going through JPA cost several times more CPU per request for
 * entities nobody modifies here.
 */
@Component
class CharacterReads {

    private static final String SQL = """
            SELECT id, name, level, exp, class_id, map_id, pos_x, pos_y, hp, max_hp, mp, max_mp, created_at
            FROM characters WHERE account_id = ? ORDER BY id""";

    private final JdbcClient jdbc;
    private final CharacterClasses classes;
    private final String contentVersion;

    CharacterReads(JdbcClient jdbc, CharacterClasses classes, ContentSync content) {
        this.jdbc = jdbc;
        this.classes = classes;
        this.contentVersion = content.version();
    }

    private static final String INTERNAL_SQL = """
            SELECT id, account_id, name, level, exp, class_id, map_id, pos_x, pos_y, hp, max_hp, mp, max_mp, version
            FROM characters WHERE id = ?""";

    Optional<CharacterRecord> internal(long characterId) {
        return jdbc.sql(INTERNAL_SQL).param(characterId).query((row, number) -> {
            CharacterClass k = classes.find(row.getInt("class_id")).orElseThrow();
            int level = row.getInt("level");
            return new CharacterRecord(String.valueOf(row.getLong("id")), String.valueOf(row.getLong("account_id")),
                    row.getString("name"), level, row.getLong("exp"), String.valueOf(k.getId()), k.getName(),
                    String.valueOf(row.getInt("map_id")), new CharacterRecord.Position(row.getDouble("pos_x"), row.getDouble("pos_y")),
                    row.getInt("hp"), row.getInt("max_hp"), row.getInt("mp"), row.getInt("max_mp"), row.getLong("version"),
                    new CharacterRecord.Stats(k.attackAt(level), k.defenseAt(level), k.getSpeed(), k.getAttackRange()),
                    new CharacterRecord.Growth(k.getHpPerLevel(), k.getMpPerLevel(), k.getAttackPerLevel(),
                            k.getDefensePerLevel()), contentVersion);
        }).optional();
    }

    List<CharacterResponse> ofAccount(long accountId) {
        return jdbc.sql(SQL).param(accountId).query((row, number) -> {
            int classId = row.getInt("class_id");
            String className = classes.find(classId).map(CharacterClass::getName).orElse("Unknown");
            return new CharacterResponse(String.valueOf(row.getLong("id")), row.getString("name"), row.getInt("level"),
                    row.getLong("exp"), String.valueOf(classId), className, String.valueOf(row.getInt("map_id")),
                    new Position(row.getDouble("pos_x"), row.getDouble("pos_y")), row.getInt("hp"),
                    row.getInt("max_hp"), row.getInt("mp"), row.getInt("max_mp"),
                    row.getObject("created_at", OffsetDateTime.class).toInstant());
        }).list();
    }
}
