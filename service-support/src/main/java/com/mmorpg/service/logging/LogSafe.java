package com.mmorpg.service.logging;

/**
 * Makes text from outside safe to put in a log line: at most {@code max} characters, and anything
 * but printable ASCII (line breaks, ANSI escapes, look-alike Unicode) shown as {@code \\uXXXX}, so a
 * username cannot forge log lines or hide in them.
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String text(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder safe = new StringBuilder(Math.min(value.length(), max) + 8);
        for (int i = 0; i < value.length(); i++) {
            if (i == max) {
                return safe.append("...").toString();
            }
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                safe.append(c);
            } else {
                safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe.toString();
    }
}
