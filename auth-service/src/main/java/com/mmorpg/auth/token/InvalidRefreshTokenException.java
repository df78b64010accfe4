package com.mmorpg.auth.token;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** The refresh token is unknown, expired, revoked or was already used. */
public class InvalidRefreshTokenException extends ApiException {

    public InvalidRefreshTokenException() {
        super(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN", "Refresh token is invalid or expired");
    }
}
