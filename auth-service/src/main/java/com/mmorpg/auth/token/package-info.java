/**
 * Tokens: access tokens (JWT) and rotating refresh tokens, login sessions and their revocation (told to gateways
 * over Redis), and the resolvers that turn a bearer token into the current account or staff member. Owns the table
 * {@code refresh_tokens}; it reads an account's role and ban from {@code accounts} itself (the account feature
 * depends on this one, so it cannot ask it).
 */
package com.mmorpg.auth.token;
