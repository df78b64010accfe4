package com.mmorpg.auth.token;

/**
 * Published (synchronously, inside the transaction that revoked the refresh tokens) when one login
 * session of an account ends ({@code sessionId}), or all of them do ({@code sessionId} null), so the
 * characters that entered the world with it are removed from their map servers too.
 *
 * @param banned all sessions ended because the account was banned
 */
public record SessionsEnded(long accountId, String sessionId, boolean banned) {
}
