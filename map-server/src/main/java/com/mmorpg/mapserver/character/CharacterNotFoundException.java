package com.mmorpg.mapserver.character;

/** auth-service has no character with the ticket's id (deleted after the ticket was issued). */
public class CharacterNotFoundException extends RuntimeException {

    public CharacterNotFoundException(String characterId) {
        super("character " + characterId + " not found");
    }
}
