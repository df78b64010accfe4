package com.mmorpg.content;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Our content files' JSON: snake_case, strict (an unknown field is a typo a studio wants to hear about). */
final class ContentJson {

    static final JsonMapper STRICT = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ContentJson() {
    }

    /** {@code bytes} of {@code file} as a {@code type}, or null with the problem (line and column) added. */
    static <T> T read(String file, byte[] bytes, Class<T> type, ContentProblems problems) {
        try {
            return STRICT.readValue(bytes, type);
        } catch (JacksonException e) {
            problems.add(file, e);
            return null;
        }
    }
}
