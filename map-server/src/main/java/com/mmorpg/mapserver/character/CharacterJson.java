package com.mmorpg.mapserver.character;

import com.mmorpg.mapserver.sim.CharacterSheet;
import tools.jackson.databind.JsonNode;

/** auth-service's internal character JSON ({@code GET /characters/{id}/internal}, a lease's {@code character}). */
final class CharacterJson {

    private CharacterJson() {
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
