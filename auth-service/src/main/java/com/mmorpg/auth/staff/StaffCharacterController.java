package com.mmorpg.auth.staff;

import com.mmorpg.auth.account.AccountNotFoundException;
import com.mmorpg.auth.character.Characters;
import com.mmorpg.auth.staff.StaffTargets.ForbiddenTargetException;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What support staff do to characters in the world: kick a player out, put a stuck character back on its spawn point.
 * Only to accounts of a lower rank than the actor's ({@link StaffTargets}); a stuck character of one's own may be
 * moved too.
 */
@RestController
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffCharacterController {

    /**
     * {@code characters_in_world}: how many of the account's characters their map servers remove;
     * {@code gateways}: how many gateways were told to close its socket (-1: none could be told).
     */
    record Kicked(long userId, int charactersInWorld, long gateways) {
    }

    /** The map server holding the character moves it. */
    record MovedThere(String id, String serverId) {
    }

    /** Where the character stands now, and its stored version (one higher than before). */
    record Moved(String id, String mapId, double x, double y, long version) {
    }

    private final Characters characters;
    private final StaffNotices notices;
    private final StaffAudit audit;
    private final StaffTargets targets;

    StaffCharacterController(Characters characters, StaffNotices notices, StaffAudit audit, StaffTargets targets) {
        this.targets = targets;
        this.characters = characters;
        this.notices = notices;
        this.audit = audit;
    }

    @Operation(summary = "Kick a player out of the world (not a ban: they may come back at once)",
            description = "The gateway socket closes with KICKED; each map server holding one of the account's characters "
                    + "saves it, releases it and closes the connection with KICKED, within a second")
    @ApiResponse(responseCode = "200", description = "{user_id, characters_in_world, gateways}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: an account of "
            + "the caller's rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @PostMapping("/admin/accounts/{id}/kick")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    Kicked kick(@StaffAccount Staff staff, @PathVariable long id, HttpServletRequest http) {
        var role = targets.roleOf(id).orElseThrow(AccountNotFoundException::new);
        targets.check(staff, "kick", id, role, StaffTargets.Self.REFUSED, "account:" + id, http.getRemoteAddr());
        int inWorld = characters.kick(id);
        long gateways = notices.tell(new StaffNotice.Kick(String.valueOf(id)));
        audit.record(staff, "kick", "account:" + id, inWorld + " character(s) in the world", http.getRemoteAddr());
        return new Kicked(id, inWorld, gateways);
    }

    @Operation(summary = "Put a stuck character on its map's spawn point",
            description = "Offline: written at once. In the world: its map server moves it within a second (202)")
    @ApiResponse(responseCode = "200", description = "{id, map_id, x, y, version}: moved (offline)")
    @ApiResponse(responseCode = "202", description = "{id, server_id}: its map server moves it")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: a character of "
            + "an account of the caller's rank or higher (their own excepted)")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @PostMapping("/admin/characters/{id}/unstuck")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    ResponseEntity<Object> unstuck(@StaffAccount Staff staff, @PathVariable String id, HttpServletRequest http) {
        long characterId = Characters.parseId(id);
        long accountId = characters.accountOf(characterId).orElseThrow(StaffCharacterController::characterNotFound);
        targets.check(staff, "unstuck", accountId, targets.roleOf(accountId).orElseThrow(
                StaffCharacterController::characterNotFound), StaffTargets.Self.ALLOWED, "character:" + characterId,
                http.getRemoteAddr());
        return switch (characters.unstuck(characterId)) {
            case Characters.MovedThere there -> {
                audit.record(staff, "unstuck", "character:" + characterId, "in the world on " + there.serverId(),
                        http.getRemoteAddr());
                yield ResponseEntity.accepted().body(new MovedThere(String.valueOf(characterId), there.serverId()));
            }
            case Characters.Moved moved -> {
                audit.record(staff, "unstuck", "character:" + characterId, "map " + moved.mapId(), http.getRemoteAddr());
                yield ResponseEntity.ok(new Moved(String.valueOf(characterId), String.valueOf(moved.mapId()), moved.x(),
                        moved.y(), moved.version()));
            }
        };
    }

    /** 404 {@code CHARACTER_NOT_FOUND}, as the characters feature answers it. */
    static ApiException characterNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "CHARACTER_NOT_FOUND", "Character not found");
    }
}
