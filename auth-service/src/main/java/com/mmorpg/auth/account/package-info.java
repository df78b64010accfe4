/**
 * Accounts: registration, login (bcrypt on its own fair queue), bans, the login history and the first admin.
 * Owns the tables {@code accounts} and {@code account_logins}. Other features use {@link com.mmorpg.auth.account.Accounts}
 * (support staff above all) with its records, nothing else here; the login routes ({@code /auth/...}) and the operators' ban
 * ({@code /internal/accounts/...}) are answered here.
 */
package com.mmorpg.auth.account;
