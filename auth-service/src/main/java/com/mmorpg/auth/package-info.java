/**
 * auth-service: accounts, login sessions and tokens, characters and their leases, items, and the staff API,
 * one package per feature. Only {@link com.mmorpg.auth.AuthServiceApplication} lives here; it owns no table.
 * Features call each other through one public service each ({@code Accounts}, {@code Characters}, {@code ItemBooks},
 * ...); SQL naming a table lives only in the table's owning package (checked by the deployment module's
 * {@code TableOwnershipTest}).
 */
package com.mmorpg.auth;
