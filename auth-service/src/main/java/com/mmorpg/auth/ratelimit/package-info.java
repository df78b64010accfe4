/**
 * Per-address limits on login, registration and refresh (shared by replicas in Redis when it is there), the login
 * lockout, and the client address as a trusted relay reports it. Used by the account and token features;
 * owns no table.
 */
package com.mmorpg.auth.ratelimit;
