package com.mmorpg.auth.characterclass;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "classes", description = "Character classes (public)")
class CharacterClassController {

    private final CharacterClasses classes;

    CharacterClassController(CharacterClasses classes) {
        this.classes = classes;
    }

    /** Public: the character-creation screen shows these before anyone logs in. */
    @Operation(summary = "Every character class with its base stats and growth per level")
    @GetMapping("/character-classes")
    List<CharacterClassResponse> list() {
        return classes.all().stream().map(CharacterClassResponse::of).toList();
    }
}
