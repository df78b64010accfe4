package com.mmorpg.auth.token;

import com.mmorpg.common.token.Role;

/**
 * A staff member acting through the console: the account, its name and its role as stored at the
 * moment of the request (a demoted account loses its rights at once, whatever its token says).
 */
public record Staff(long accountId, String username, Role role) {
}
