package com.mmorpg.common.config;

import java.time.Duration;
import java.util.Locale;

/** Durations as operators write them in environment variables and options: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 30} (seconds) or ISO-8601 ({@code PT15S}). */
public final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException (or {@link NumberFormatException}) when {@code text} is none of those */
    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(text.strip());
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    }
}
