package com.mmorpg.auth.account;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** The password-hashing pool is saturated: 503 with {@code Retry-After}. */
class ServerBusyException extends ApiException {

    ServerBusyException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "SERVER_BUSY", "Server is busy. Try again in a moment.");
        header("Retry-After", "1");
    }
}
