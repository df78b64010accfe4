package com.mmorpg.auth.token;

/** What a successful register, login or refresh hands out. */
public record TokenPair(long accountId, String accessToken, String refreshToken, long expiresInSeconds) {
}
