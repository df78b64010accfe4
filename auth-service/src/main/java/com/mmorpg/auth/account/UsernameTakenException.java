package com.mmorpg.auth.account;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

class UsernameTakenException extends ApiException {

    UsernameTakenException() {
        super(HttpStatus.CONFLICT, "USERNAME_TAKEN", "Username is already taken");
    }
}
