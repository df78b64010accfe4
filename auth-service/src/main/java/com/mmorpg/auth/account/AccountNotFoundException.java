package com.mmorpg.auth.account;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/** 404 {@code ACCOUNT_NOT_FOUND}: no account has the id. */
public final class AccountNotFoundException extends ApiException {

    public AccountNotFoundException() {
        super(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "No such account");
    }
}
