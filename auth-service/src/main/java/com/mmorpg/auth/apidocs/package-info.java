/**
 * The OpenAPI document of auth-service (both auth schemes, the wire's snake_case names) and Swagger UI outside
 * {@code prod}. Configuration only: no one calls it, and it owns no table.
 */
package com.mmorpg.auth.apidocs;
