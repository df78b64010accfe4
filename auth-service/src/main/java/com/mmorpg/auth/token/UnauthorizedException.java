package com.mmorpg.auth.token;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** No usable access token: 401 with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750). */
public class UnauthorizedException extends ApiException {

    public UnauthorizedException(String message, String bearerError) {
        super(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", message);
        header("WWW-Authenticate", bearerError == null
                ? "Bearer realm=\"mmorpg\""
                : "Bearer realm=\"mmorpg\", error=\"" + bearerError + "\"");
    }
}
