package com.mmorpg.auth.account;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** This address already has its share of password checks waiting: 429 with {@code Retry-After}. */
class TooManyConcurrentException extends ApiException {

    TooManyConcurrentException() {
        super(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many requests at once from your address. Slow down.");
        header("Retry-After", "1");
    }
}
