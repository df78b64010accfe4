package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterExceptions.CharacterNotFoundException;

/** Path ids arrive as strings; anything that is not a positive number names no character. */
final class CharacterIds {

    private CharacterIds() {
    }

    static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(Character::isDigit)) {
            throw new CharacterNotFoundException();
        }
        try {
            long value = Long.parseLong(id);
            if (value <= 0) {
                throw new CharacterNotFoundException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CharacterNotFoundException();
        }
    }
}
