package com.mmorpg.auth.character;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "characters", description = "The player's own characters")
class CharacterController {

    private final CharacterService characters;
    private final CharacterReads listing;

    CharacterController(CharacterService characters, CharacterReads listing) {
        this.characters = characters;
        this.listing = listing;
    }

    @Operation(summary = "The account's characters")
    @GetMapping("/characters")
    List<CharacterResponse> list(@CurrentAccount long accountId) {
        return listing.ofAccount(accountId);
    }

    @Operation(summary = "Create a character on map 1's spawn, hp and mp full", description = "name 3-16 letters or digits, "
            + "unique regardless of case; at most 6 characters per account")
    @ApiResponse(responseCode = "201", description = "The new character")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, UNKNOWN_CLASS, INVALID_REQUEST")
    @ApiResponse(responseCode = "409", description = "NAME_TAKEN, CHARACTER_LIMIT")
    @PostMapping("/characters")
    @ResponseStatus(HttpStatus.CREATED)
    CharacterResponse create(@CurrentAccount long accountId, @Valid @RequestBody CreateCharacterRequest request) {
        return CharacterResponse.of(characters.create(accountId, request.name(), request.classId()));
    }

    @Operation(summary = "One of the account's characters")
    @ApiResponse(responseCode = "200", description = "The character")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND (also for another account's character)")
    @GetMapping("/characters/{id}")
    CharacterResponse get(@CurrentAccount long accountId, @PathVariable String id) {
        return CharacterResponse.of(characters.getOwned(accountId, CharacterIds.parse(id)));
    }

    @Operation(summary = "Delete one of the account's characters")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND (also for another account's character)")
    @DeleteMapping("/characters/{id}")
    ResponseEntity<Void> delete(@CurrentAccount long accountId, @PathVariable String id) {
        characters.delete(accountId, CharacterIds.parse(id));
        return ResponseEntity.noContent().build();
    }
}
