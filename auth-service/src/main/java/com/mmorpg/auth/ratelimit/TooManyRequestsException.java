package com.mmorpg.auth.ratelimit;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** 429 with {@code Retry-After} in whole seconds. */
public class TooManyRequestsException extends ApiException {

    TooManyRequestsException(String code, String message, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, message);
        header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
    }
}
