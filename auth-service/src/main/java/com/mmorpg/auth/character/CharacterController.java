package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterViews.CharacterResponse;
import com.mmorpg.auth.character.CharacterViews.CreateCharacterRequest;
import com.mmorpg.auth.token.CurrentAccount;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The player's own characters (Bearer access token). */
@RestController
class CharacterController {

    private final CharacterService characters;
    private final CharacterReads listing;

    CharacterController(CharacterService characters, CharacterReads listing) {
        this.characters = characters;
        this.listing = listing;
    }

    @GetMapping("/characters")
    List<CharacterResponse> list(@CurrentAccount long accountId) {
        return listing.ofAccount(accountId);
    }

    @PostMapping("/characters")
    @ResponseStatus(HttpStatus.CREATED)
    CharacterResponse create(@CurrentAccount long accountId, @Valid @RequestBody CreateCharacterRequest request) {
        return CharacterResponse.of(characters.create(accountId, request.name(), request.classId()));
    }

    @GetMapping("/characters/{id}")
    CharacterResponse get(@CurrentAccount long accountId, @PathVariable String id) {
        return CharacterResponse.of(characters.getOwned(accountId, CharacterIds.parse(id)));
    }

    @DeleteMapping("/characters/{id}")
    ResponseEntity<Void> delete(@CurrentAccount long accountId, @PathVariable String id) {
        characters.delete(accountId, CharacterIds.parse(id));
        return ResponseEntity.noContent().build();
    }
}
