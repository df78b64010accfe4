package com.mmorpg.auth.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Only sizes are checked here: a malformed name or password simply fails to log in (401). */
record LoginRequest(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 256) String password) {
}
