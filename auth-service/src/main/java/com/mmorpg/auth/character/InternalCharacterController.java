package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.InternalCharacterResponse;
import com.mmorpg.auth.character.CharacterViews.StateUpdateRequest;
import com.mmorpg.auth.character.CharacterViews.StateUpdateResponse;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints for the gateway and map servers; {@code X-Internal-Key} is
 * enforced by service-support's guard on {@code mmo.internal.paths}.
 */
@RestController
class InternalCharacterController {

    private final CharacterService characters;
    private final CharacterReads reads;

    InternalCharacterController(CharacterService characters, CharacterReads reads) {
        this.characters = characters;
        this.reads = reads;
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
}
