/**
 * The staff API ({@code /admin/**}, a gm or admin access token): player lookups, bans, mutes, roles, kicks, unstuck,
 * item grants and removals, announcements, stats, the audit and the console's session. Calls the features
 * ({@code Accounts}, {@code Characters}, {@code ItemBooks}); no feature calls it. Owns the table {@code staff_audit}
 * (every staff action, written in the action's transaction) and the chat mutes in Redis.
 */
package com.mmorpg.auth.staff;
