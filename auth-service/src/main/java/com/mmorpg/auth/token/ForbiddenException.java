package com.mmorpg.auth.token;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** A valid token of an account without the role the route needs: 403 {@code FORBIDDEN}. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
    }
}
