package com.mmorpg.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A content folder's version: SHA-256 over every file in it (hidden ones aside), each as its path
 * relative to the folder, its length and its bytes, in path order. A changed, added, removed or renamed
 * file changes it; where the folder lives does not. Shown as its first 16 hex digits.
 */
final class ContentVersion {

    static final int LENGTH = 16;

    private ContentVersion() {
    }

    static String of(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(file -> !hidden(folder.relativize(file)))
                    .sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b))).toList();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                sha256.update(relative(folder, file).getBytes(StandardCharsets.UTF_8));
                sha256.update(ByteBuffer.allocate(Long.BYTES + 1).put((byte) 0).putLong(bytes.length).array());
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the content folder " + folder + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
