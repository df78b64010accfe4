package com.mmorpg.common.token;

import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 keys made from configured secrets: the current one signs, the current and the
 * previous one (if any) verify, so a secret can be rotated without logging everybody out.
 */
public record SigningKeys(SecretKey signing, List<SecretKey> verifying) {

    /** HS256 needs at least 256 bits of key. */
    public static final int MIN_SECRET_BYTES = 32;

    public SigningKeys {
        verifying = List.copyOf(verifying);
    }

    /**
     * @param name     the setting's name, for error messages ({@code JWT_SECRET})
     * @param current  the secret used to sign
     * @param previous the secret before the last rotation, or null/blank
     */
    public static SigningKeys of(String name, String current, String previous) {
        SecretKey signing = key(name, current);
        List<SecretKey> verifying = new ArrayList<>();
        verifying.add(signing);
        if (previous != null && !previous.isBlank()) {
            verifying.add(key(name + "_PREVIOUS", previous));
        }
        return new SigningKeys(signing, verifying);
    }

    private static SecretKey key(String name, String secret) {
        if (secret == null) {
            throw new WeakSecretException(name + " is not set");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new WeakSecretException(name + " must be at least " + MIN_SECRET_BYTES + " bytes, it has " + bytes.length);
        }
        return Keys.hmacShaKeyFor(bytes);
    }
}
