package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.InternalCharacterResponse;
import com.mmorpg.auth.character.CharacterViews.LeaseRequest;
import com.mmorpg.auth.character.CharacterViews.LeaseResponse;
import com.mmorpg.auth.character.CharacterViews.RenewRequest;
import com.mmorpg.auth.character.CharacterViews.RenewResponse;
import com.mmorpg.auth.character.CharacterViews.StateUpdateRequest;
import com.mmorpg.auth.character.CharacterViews.StateUpdateResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints for the gateway and map servers; {@code X-Internal-Key} is
 * enforced by service-support's guard on {@code mmo.internal.paths}.
 */
@RestController
class InternalCharacterController {

    private final CharacterService characters;
    private final CharacterReads reads;
    private final CharacterLeases leases;

    InternalCharacterController(CharacterService characters, CharacterReads reads, CharacterLeases leases) {
        this.characters = characters;
        this.reads = reads;
        this.leases = leases;
    }

    @GetMapping("/characters/{id}/internal")
    InternalCharacterResponse get(@PathVariable String id) {
        return reads.internal(CharacterIds.parse(id)).orElseThrow(CharacterExceptions.CharacterNotFoundException::new);
    }

    @PutMapping("/characters/{id}/internal/state")
    StateUpdateResponse saveState(@PathVariable String id, @Valid @RequestBody StateUpdateRequest state) {
        long characterId = CharacterIds.parse(id);
        return new StateUpdateResponse(String.valueOf(characterId), characters.saveState(characterId, state));
    }

    /** A map server takes the character for a player with a valid ticket: the lease and the character in one call. */
    @PostMapping("/characters/{id}/internal/lease")
    LeaseResponse lease(@PathVariable String id, @Valid @RequestBody LeaseRequest request) {
        CharacterLeases.Granted granted = leases.grant(CharacterIds.parse(id), request.serverId(),
                request.mapId().intValue(), request.ticketJti());
        CharacterLeases.Lease lease = granted.lease();
        return new LeaseResponse(lease.leaseId(), lease.serverId(), lease.expiresAt(), granted.resumed(), granted.character());
    }

    @DeleteMapping("/characters/{id}/internal/lease/{leaseId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable String id, @PathVariable long leaseId) {
        leases.release(CharacterIds.parse(id), leaseId);
    }

    @PostMapping("/internal/leases/renew")
    RenewResponse renew(@Valid @RequestBody RenewRequest request) {
        CharacterLeases.Renewal renewal = leases.renew(request.serverId(), request.leaseIds());
        return new RenewResponse(renewal.expiresAt(), renewal.lost(), renewal.handover());
    }
}
