package com.mmorpg.auth.account;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** Same code and message for an unknown user and a wrong password. */
class InvalidCredentialsException extends ApiException {

    InvalidCredentialsException() {
        super(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Invalid username or password");
    }
}
