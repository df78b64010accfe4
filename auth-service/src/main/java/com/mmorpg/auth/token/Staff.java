package com.mmorpg.auth.token;

import com.mmorpg.common.token.Role;

/**
 * A staff member acting through the console: the account, its name and its role as stored at the
 * moment of the request (a demoted account loses its rights at once, whatever its token says), and
 * the login session ({@code sid}) of the token it acts with (null for a token issued without one).
 */
public record Staff(long accountId, String username, Role role, String sessionId) {

    /**
     * Whether this member may act on an account of {@code target}'s rank: only on a lower one (a gm on
     * players, an admin on gms and players), so nobody topples a peer or a superior.
     */
    public boolean outranks(Role target) {
        return role.compareTo(target) > 0;
    }
}
