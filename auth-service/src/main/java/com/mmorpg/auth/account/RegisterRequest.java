package com.mmorpg.auth.account;

import jakarta.validation.constraints.NotNull;
import java.util.regex.Pattern;

record RegisterRequest(
        @NotNull @jakarta.validation.constraints.Pattern(regexp = USERNAME_REGEX,
                message = "must be 3-20 characters: letters, digits or underscore") String username,
        @NotNull @Utf8Length(min = 8, max = PasswordHasher.MAX_PASSWORD_BYTES) String password) {

    static final String USERNAME_REGEX = "[A-Za-z0-9_]{3,20}";
    static final Pattern USERNAME = Pattern.compile(USERNAME_REGEX);
}
