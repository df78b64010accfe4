package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterExceptions.CharacterNotFoundException;
import com.mmorpg.auth.world.WorldMap;
import com.mmorpg.auth.world.WorldMaps;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The characters feature as other features see it (support staff above all): whose a character is, the
 * characters of an account with the server holding each, and what staff may do to them here (a kick, a
 * move to the spawn point, a hold while its items change). The {@code characters} table is read and
 * written in this package only; its leases stay with {@link CharacterLeases}.
 */
@Service
public class Characters {

    /** What became of a stuck character. */
    public sealed interface Unstuck {
    }

    /** In the world: the map server holding it moves it. */
    public record MovedThere(String serverId) implements Unstuck {
    }

    /** Offline: put on its map's spawn point now; its stored version is one higher. */
    public record Moved(int mapId, double x, double y, long version) implements Unstuck {
    }

    private final JdbcClient jdbc;
    private final CharacterLeases leases;
    private final WorldMaps maps;

    Characters(JdbcClient jdbc, CharacterLeases leases, WorldMaps maps) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.maps = maps;
    }

    /** A path's character id; {@code CHARACTER_NOT_FOUND} when it cannot be one. */
    public static long parseId(String id) {
        return CharacterIds.parse(id);
    }

    /** The accounts holding a character named {@code name} (case-insensitive). */
    public List<Long> accountsWithCharacterNamed(String name) {
        return jdbc.sql("SELECT DISTINCT account_id FROM characters WHERE lower(name) = lower(?)")
                .param(name).query(Long.class).list();
    }

    /** An account's characters, by id, each with the map server holding its live lease (one statement). */
    public List<CharacterLine> linesOf(long accountId) {
        return jdbc.sql("""
                        SELECT c.id, c.name, c.level, c.class_id, c.map_id, c.pos_x, c.pos_y, l.server_id
                        FROM characters c
                        LEFT JOIN character_leases l ON l.character_id = c.id AND l.expires_at > now()
                        WHERE c.account_id = ? ORDER BY c.id""")
                .param(accountId)
                .query((row, number) -> new CharacterLine(String.valueOf(row.getLong("id")), row.getString("name"),
                        row.getInt("level"), String.valueOf(row.getInt("class_id")), String.valueOf(row.getInt("map_id")),
                        row.getDouble("pos_x"), row.getDouble("pos_y"), row.getString("server_id")))
                .list();
    }

    /** The account the character belongs to, if there is such a character. */
    public Optional<Long> accountOf(long characterId) {
        return jdbc.sql("SELECT account_id FROM characters WHERE id = ?").param(characterId).query(Long.class).optional();
    }

    /** The map server holding a live lease on the character, if any. */
    public Optional<String> holder(long characterId) {
        return leases.holder(characterId);
    }

    /** Asks the map servers holding the account's characters to remove them ({@code KICKED}); how many are in the world. */
    public int kick(long accountId) {
        return leases.kick(accountId);
    }

    /**
     * Puts a stuck character on its map's spawn point (the starting map's when its map is gone): its holder does
     * that when it is in the world, this does it at once when not. Locks the character's row first.
     */
    public Unstuck unstuck(long characterId) {
        int mapId = jdbc.sql("SELECT map_id FROM characters WHERE id = ? FOR UPDATE").param(characterId)
                .query(Integer.class).optional()
                .orElseThrow(CharacterNotFoundException::new);
        Optional<String> holder = leases.unstuck(characterId);
        if (holder.isPresent()) {
            return new MovedThere(holder.get());
        }
        WorldMap map = maps.find(mapId).orElseGet(maps::startingMap);
        long version = jdbc.sql("""
                        UPDATE characters SET map_id = ?, pos_x = ?, pos_y = ?, version = version + 1
                        WHERE id = ? RETURNING version""")
                .params(map.getId(), map.getSpawnX(), map.getSpawnY(), characterId)
                .query(Long.class).single();
        return new Moved(map.getId(), map.getSpawnX(), map.getSpawnY(), version);
    }

    /**
     * Holds an offline character still for a change made outside the world (staff changing its items): locks its
     * row (the order of every write of it), refuses with 409 {@code CHARACTER_IN_WORLD} while a map server holds
     * it, and takes a lapsed lease away, so its old holder can never write over the change.
     */
    public void holdOffline(long characterId) {
        jdbc.sql("SELECT id FROM characters WHERE id = ? FOR UPDATE").param(characterId).query(Long.class).single();
        leases.takeAwayLapsed(characterId);
    }
}
