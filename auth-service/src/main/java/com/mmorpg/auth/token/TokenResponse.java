package com.mmorpg.auth.token;

/** Body of register, login and refresh: {@code {access_token, refresh_token, token_type, expires_in, user_id}}. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, String userId) {

    public static TokenResponse of(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds(),
                String.valueOf(pair.accountId()));
    }
}
