package com.mmorpg.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets given as files, the way Docker and Kubernetes mount them: {@code JWT_SECRET_FILE=/run/secrets/jwt}
 * stands for {@code JWT_SECRET=<that file's content>}. Only the names in {@link #NAMES} are read this
 * way ({@code LOG_FILE} and the like keep their meaning). One trailing line break is dropped, as
 * {@code echo secret > file} leaves one.
 */
public final class SecretFiles {

    /** Every variable that may carry a secret, each of which may also come as {@code <NAME>_FILE}. */
    public static final List<String> NAMES = List.of(
            "JWT_SECRET", "JWT_SECRET_PREVIOUS",
            "TICKET_SECRET", "TICKET_SECRET_PREVIOUS",
            "INTERNAL_API_KEY", "ADMIN_PASSWORD",
            "DATABASE_URL", "DATABASE_PASSWORD",
            "REDIS_URL");

    public static final String SUFFIX = "_FILE";

    /** Largest secret file read; anything bigger is a wrong mount, not a secret. */
    static final long MAX_BYTES = 64 * 1024;

    private SecretFiles() {
    }

    /**
     * The secrets read from files: for each {@code <NAME>_FILE} set in {@code env}, {@code NAME}
     * and the file's content.
     *
     * @throws IllegalArgumentException when both {@code NAME} and {@code NAME_FILE} are set, or
     *     the file cannot be read; the message names the variable and the path, never the content
     */
    public static Map<String, String> read(Map<String, String> env) {
        Map<String, String> secrets = new HashMap<>();
        for (String name : NAMES) {
            String file = env.get(name + SUFFIX);
            if (file == null || file.isBlank()) {
                continue;
            }
            String direct = env.get(name);
            if (direct != null && !direct.isBlank()) {
                throw new IllegalArgumentException("Set " + name + " or " + name + SUFFIX + ", not both");
            }
            secrets.put(name, content(name + SUFFIX, Path.of(file.strip())));
        }
        return secrets;
    }

    /** {@code env} with every secret file read into its variable. */
    public static Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> secrets = read(env);
        if (secrets.isEmpty()) {
            return env;
        }
        Map<String, String> resolved = new HashMap<>(env);
        resolved.putAll(secrets);
        return resolved;
    }

    private static String content(String variable, Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(variable + " points to " + path + ", which is not a readable file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException(variable + " points to " + path + ", which is larger than "
                        + MAX_BYTES + " bytes");
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException(variable + " points to " + path + ", which is empty");
            }
            return text;
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(variable + " points to " + path + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
