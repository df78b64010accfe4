/**
 * The SDK's auth-service client: accounts, tokens (refreshed on a 401), classes, characters, item
 * types; refusals as {@code ApiException} with the server's problem code.
 */
package com.mmorpg.client.auth;
