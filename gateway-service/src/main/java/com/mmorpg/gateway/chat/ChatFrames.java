package com.mmorpg.gateway.chat;

import com.mmorpg.gateway.protocol.GameError;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pieces of chat's frames shared by lines, blocks and parties. */
final class ChatFrames {

    private ChatFrames() {
    }

    /** A character as frames name one: {@code {character_id, name}}. */
    static Map<String, Object> person(String characterId, String name) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("character_id", characterId);
        person.put("name", name);
        return person;
    }

    /** What a name that is not in the world (or whose character blocks the asker) is answered. */
    static GameError offline(String name) {
        return new GameError("PLAYER_OFFLINE", name + " is not in the world");
    }
}
