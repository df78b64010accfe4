package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.CharacterResponse;
import com.mmorpg.auth.character.CharacterViews.Position;
import com.mmorpg.auth.characterclass.CharacterClass;
import com.mmorpg.auth.characterclass.CharacterClasses;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The character-select screen's list, the hottest read of the service: one indexed SQL statement
 * straight into response records (class names come from the in-memory class table). Going through
 * JPA here cost several times more CPU per request for entities nobody modifies.
 */
@Component
class CharacterListing {

    private static final String SQL = """
            SELECT id, name, level, exp, class_id, map_id, pos_x, pos_y, hp, max_hp, mp, max_mp, created_at
            FROM characters WHERE account_id = ? ORDER BY id""";

    private final JdbcClient jdbc;
    private final CharacterClasses classes;

    CharacterListing(JdbcClient jdbc, CharacterClasses classes) {
        this.jdbc = jdbc;
        this.classes = classes;
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
