package com.mmorpg.auth.characterclass;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CharacterClassController {

    private final CharacterClasses classes;

    CharacterClassController(CharacterClasses classes) {
        this.classes = classes;
    }

    /** Public: the character-creation screen shows these before anyone logs in. */
    @GetMapping("/character-classes")
    List<CharacterClassResponse> list() {
        return classes.all().stream().map(CharacterClassResponse::of).toList();
    }
}
