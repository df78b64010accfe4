package com.mmorpg.auth.character;

import com.mmorpg.auth.staff.StaffAudit;
import com.mmorpg.auth.staff.StaffNotices;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.auth.world.WorldMap;
import com.mmorpg.auth.world.WorldMaps;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What support staff do to characters in the world: kick a player out, put a stuck character back on its spawn point. */
@RestController
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffCharacterController {

    /**
     * {@code characters_in_world}: how many of the account's characters their map servers remove;
     * {@code gateways}: how many gateways were told to close its socket (-1: none could be told).
     */
    record Kicked(long userId, int charactersInWorld, long gateways) {
    }

    /** Where the character stands now, and its stored version (one higher than before). */
    record Moved(String id, String mapId, double x, double y, long version) {
    }

    /** A map server holds the character: only it may move it. */
    static final class HeldException extends ApiException {
        HeldException(String serverId) {
            super(HttpStatus.CONFLICT, "CHARACTER_IN_WORLD", "A map server holds the character; only it may move it now");
            property("server_id", serverId);
        }
    }

    private final JdbcClient jdbc;
    private final WorldMaps maps;
    private final CharacterLeases leases;
    private final StaffNotices notices;
    private final StaffAudit audit;

    StaffCharacterController(JdbcClient jdbc, WorldMaps maps, CharacterLeases leases, StaffNotices notices, StaffAudit audit) {
        this.jdbc = jdbc;
        this.maps = maps;
        this.leases = leases;
        this.notices = notices;
        this.audit = audit;
    }

    @Operation(summary = "Kick a player out of the world (not a ban: they may come back at once)",
            description = "The gateway socket closes with KICKED; each map server holding one of the account's characters "
                    + "saves it, releases it and closes the connection with KICKED, within a second")
    @ApiResponse(responseCode = "200", description = "{user_id, characters_in_world, gateways}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @PostMapping("/admin/accounts/{id}/kick")
    @Transactional
    Kicked kick(@StaffAccount Staff staff, @PathVariable long id, HttpServletRequest http) {
        if (jdbc.sql("SELECT count(*) FROM accounts WHERE id = ?").param(id).query(Long.class).single() == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "No such account");
        }
        int inWorld = leases.kick(id);
        long gateways = notices.tell(new StaffNotice.Kick(String.valueOf(id)));
        audit.record(staff, "kick", "account:" + id, inWorld + " character(s) in the world", http.getRemoteAddr());
        return new Kicked(id, inWorld, gateways);
    }

    @Operation(summary = "Put an offline character on its map's spawn point",
            description = "Only while no map server holds it: a character in the world is moved by its map server")
    @ApiResponse(responseCode = "200", description = "{id, map_id, x, y, version}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CHARACTER_IN_WORLD {server_id}: a map server holds it now")
    @PostMapping("/admin/characters/{id}/unstuck")
    @Transactional
    Moved unstuck(@StaffAccount Staff staff, @PathVariable String id, HttpServletRequest http) {
        long characterId = CharacterIds.parse(id);
        Integer mapId = jdbc.sql("SELECT map_id FROM characters WHERE id = ? FOR UPDATE").param(characterId)
                .query(Integer.class).optional()
                .orElseThrow(CharacterExceptions.CharacterNotFoundException::new);
        jdbc.sql("SELECT server_id FROM character_leases WHERE character_id = ? AND expires_at > now()").param(characterId)
                .query(String.class).optional()
                .ifPresent(server -> {
                    throw new HeldException(server);
                });
        WorldMap map = maps.find(mapId).orElseGet(maps::startingMap);
        long version = jdbc.sql("""
                        UPDATE characters SET map_id = ?, pos_x = ?, pos_y = ?, version = version + 1
                        WHERE id = ? RETURNING version""")
                .params(map.getId(), map.getSpawnX(), map.getSpawnY(), characterId)
                .query(Long.class).single();
        audit.record(staff, "unstuck", "character:" + characterId, "map " + map.getId(), http.getRemoteAddr());
        return new Moved(String.valueOf(characterId), String.valueOf(map.getId()), map.getSpawnX(), map.getSpawnY(), version);
    }
}
