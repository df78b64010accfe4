package com.mmorpg.mapserver.character;

import com.mmorpg.mapserver.backend.BackendHttp;
import com.mmorpg.mapserver.backend.BackendUnavailableException;
import com.mmorpg.mapserver.sim.CharacterSheet;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** Loads a character from auth-service ({@code GET /characters/{id}/internal}), off the tick thread. */
public final class CharacterLoader {

    private final BackendHttp auth;

    public CharacterLoader(BackendHttp auth) {
        this.auth = auth;
    }

    /**
     * Completes with the sheet, or exceptionally with {@link CharacterNotFoundException} or
     * {@link BackendUnavailableException} (down, slow, 5xx, or an answer that is not a character).
     */
    public CompletableFuture<CharacterSheet> load(String characterId) {
        if (!characterId.matches("[0-9]{1,19}")) {
            return CompletableFuture.failedFuture(new CharacterNotFoundException(characterId));
        }
        return auth.callAsync("GET", "/characters/" + characterId + "/internal", null).thenApply(response -> {
            if (response.status() == 404) {
                throw new CharacterNotFoundException(characterId);
            }
            if (!response.isSuccess()) {
                throw new BackendUnavailableException(auth.name(), new IllegalStateException("HTTP " + response.status()));
            }
            try {
                return sheet(response.body());
            } catch (RuntimeException e) {
                throw new BackendUnavailableException(auth.name(), new IllegalStateException("unexpected character JSON", e));
            }
        });
    }

    static CharacterSheet sheet(JsonNode c) {
        JsonNode stats = c.required("stats");
        JsonNode growth = c.required("growth");
        JsonNode position = c.required("position");
        return new CharacterSheet(
                c.required("id").asString(),
                c.required("user_id").asString(),
                c.required("name").asString(),
                Integer.parseInt(c.required("class_id").asString()),
                Integer.parseInt(c.required("map_id").asString()),
                (float) position.required("x").asDouble(),
                (float) position.required("y").asDouble(),
                c.required("level").asInt(),
                c.required("exp").asLong(),
                c.required("hp").asInt(),
                c.required("max_hp").asInt(),
                c.required("mp").asInt(),
                c.required("max_mp").asInt(),
                stats.required("attack").asInt(),
                stats.required("defense").asInt(),
                (float) stats.required("speed").asDouble(),
                (float) stats.required("attack_range").asDouble(),
                c.required("version").asLong(),
                new CharacterSheet.Growth(growth.required("hp").asInt(), growth.required("mp").asInt(),
                        growth.required("attack").asInt(), growth.required("defense").asInt()));
    }
}
