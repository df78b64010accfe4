package com.mmorpg.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileIntoTheVariableAndDropsOneTrailingLineBreak() throws Exception {
        Path jwt = Files.writeString(dir.resolve("jwt"), "s3cret with spaces  \n");
        Path key = Files.writeString(dir.resolve("key"), "line1\nline2\r\n");

        Map<String, String> env = SecretFiles.resolve(Map.of(
                "JWT_SECRET_FILE", jwt.toString(), "INTERNAL_API_KEY_FILE", key.toString(), "PORT", "3000"));

        assertThat(env).containsEntry("JWT_SECRET", "s3cret with spaces  ")
                .containsEntry("INTERNAL_API_KEY", "line1\nline2")
                .containsEntry("PORT", "3000");
    }

    @Test
    void leavesOtherFileVariablesAlone() {
        Map<String, String> env = Map.of("LOG_FILE", "/nonexistent/map.log");

        assertThat(SecretFiles.resolve(env)).isSameAs(env);
    }

    @Test
    void refusesBothTheVariableAndItsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "x".repeat(40));

        assertThatThrownBy(() -> SecretFiles.read(Map.of("TICKET_SECRET", "abc", "TICKET_SECRET_FILE", file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Set TICKET_SECRET or TICKET_SECRET_FILE, not both");
    }

    @Test
    void namesTheVariableAndPathButNeverTheContentWhenUnusable() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path big = Files.write(dir.resolve("big"), new byte[(int) SecretFiles.MAX_BYTES + 1]);

        assertThatThrownBy(() -> SecretFiles.read(Map.of("JWT_SECRET_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("JWT_SECRET_FILE points to").hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> SecretFiles.read(Map.of("JWT_SECRET_FILE", empty.toString())))
                .hasMessageEndingWith("which is empty");
        assertThatThrownBy(() -> SecretFiles.read(Map.of("DATABASE_PASSWORD_FILE", big.toString())))
                .hasMessageContaining("larger than");
    }
}
