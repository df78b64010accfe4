package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.LeaseRequest;
import com.mmorpg.auth.character.CharacterViews.RenewRequest;
import com.mmorpg.auth.character.CharacterViews.StateUpdateRequest;
import com.mmorpg.auth.character.CharacterViews.TradeRequest;
import com.mmorpg.auth.character.CharacterViews.TradeSide;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.Leases;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints for the gateway and map servers; {@code X-Internal-Key} is
 * enforced by service-support's guard on {@code mmo.internal.paths}.
 */
@RestController
@Tag(name = "internal: characters", description = "For map servers and the gateway (X-Internal-Key)")
class InternalCharacterController {

    private final CharacterService characters;
    private final CharacterReads reads;
    private final CharacterLeases leases;

    InternalCharacterController(CharacterService characters, CharacterReads reads, CharacterLeases leases) {
        this.characters = characters;
        this.reads = reads;
        this.leases = leases;
    }

    @Operation(summary = "A character with its owner, version, stats and growth")
    @ApiResponse(responseCode = "200", description = "The character")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @GetMapping("/characters/{id}/internal")
    CharacterRecord get(@PathVariable String id) {
        return reads.internal(CharacterIds.parse(id)).orElseThrow(CharacterExceptions.CharacterNotFoundException::new);
    }

    @Operation(summary = "Save a character's state (versioned; only by its lease holder)",
            description = "release: true frees the lease in the same transaction")
    @ApiResponse(responseCode = "200", description = "{id, version}: the stored version, one higher")
    @ApiResponse(responseCode = "400", description = "INVALID_STATE, VALIDATION_FAILED, INVALID_REQUEST")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "LEASE_LOST: not the lease holder; STALE_VERSION: not the stored version")
    @ApiResponse(responseCode = "422", description = "ITEMS_REFUSED: the items do not follow from the stored ones and the "
            + "events, or one belongs to another character")
    @PutMapping("/characters/{id}/internal/state")
    CharacterStates.Saved saveState(@PathVariable String id, @Valid @RequestBody StateUpdateRequest state) {
        long characterId = CharacterIds.parse(id);
        return new CharacterStates.Saved(String.valueOf(characterId), characters.saveState(characterId, state));
    }

    @Operation(summary = "Save both characters of a trade in one transaction (each under its lease and version)",
            description = "Their items may move between them (trade events, which must agree); stored together or not at all")
    @ApiResponse(responseCode = "200", description = "{saved: [{id, version}, {id, version}]}")
    @ApiResponse(responseCode = "400", description = "INVALID_STATE, VALIDATION_FAILED, INVALID_REQUEST")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "LEASE_LOST, STALE_VERSION (of either character)")
    @ApiResponse(responseCode = "422", description = "ITEMS_REFUSED")
    @PutMapping(CharacterStates.TRADE_PATH)
    CharacterStates.TradeSaved saveTrade(@Valid @RequestBody TradeRequest trade) {
        TradeSide first = trade.sides().get(0);
        TradeSide second = trade.sides().get(1);
        long firstId = CharacterIds.parse(first.characterId());
        long secondId = CharacterIds.parse(second.characterId());
        List<Long> versions = characters.saveTrade(firstId, first.state(), secondId, second.state());
        return new CharacterStates.TradeSaved(List.of(new CharacterStates.Saved(String.valueOf(firstId), versions.get(0)),
                new CharacterStates.Saved(String.valueOf(secondId), versions.get(1))));
    }

    /** A map server takes the character for a player with a valid ticket: the lease and the character in one call. */
    @Operation(summary = "Take a character for a player with a valid ticket: the lease and the character in one call")
    @ApiResponse(responseCode = "200", description = "{lease_id, server_id, expires_at, resumed, character, inventory}")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CHARACTER_IN_WORLD {server_id, retry_after_ms}: another server holds it "
            + "and was asked to hand it over; TICKET_REPLAYED: that jti opened a stay already; TICKET_WRONG_MAP {map_id}; "
            + "BANNED: the account is banned; SESSION_REVOKED: the ticket's login session ended")
    @PostMapping("/characters/{id}/internal/lease")
    Leases.Grant lease(@PathVariable String id, @Valid @RequestBody LeaseRequest request) {
        CharacterLeases.Granted granted = leases.grant(CharacterIds.parse(id), request.serverId(),
                request.mapId().intValue(), request.ticketJti(), request.sessionId());
        CharacterLeases.Lease lease = granted.lease();
        return new Leases.Grant(lease.leaseId(), lease.serverId(), lease.expiresAt(), granted.resumed(), granted.character(),
                granted.inventory());
    }

    @Operation(summary = "The stored version and the lease as they stand",
            description = "A holder's read-back when a write's outcome is in doubt: was it stored, and is the lease still its own?")
    @ApiResponse(responseCode = "200", description = "{character_id, version, lease_id, server_id, expires_at, live}")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @GetMapping("/characters/{id}/internal/lease")
    Leases.Holding holding(@PathVariable String id) {
        return leases.holding(CharacterIds.parse(id));
    }

    @Operation(summary = "Give back a lease granted for a player who never entered")
    @ApiResponse(responseCode = "204", description = "Released (or already gone)")
    @DeleteMapping("/characters/{id}/internal/lease/{leaseId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable String id, @PathVariable long leaseId) {
        leases.release(CharacterIds.parse(id), leaseId);
    }

    @Operation(summary = "Extend a map server's leases (at most 1,000)",
            description = "Answers which are no longer held (lost), which newer logins ask for (handover) and which "
                    + "players staff kicked (kicked)")
    @ApiResponse(responseCode = "200", description = "{expires_at, lost, handover, kicked, unstuck, removed: [{lease_id, code}]}")
    @PostMapping("/internal/leases/renew")
    Leases.Renewed renew(@Valid @RequestBody RenewRequest request) {
        CharacterLeases.Renewal renewal = leases.renew(request.serverId(), request.leaseIds());
        return new Leases.Renewed(renewal.expiresAt(), renewal.lost(), renewal.handover(),
                renewal.removed().stream().map(Leases.Removal::leaseId).toList(), renewal.unstuck(), renewal.removed());
    }
}
