/**
 * What the services' OpenAPI documents share (springdoc): snake_case schemas, problem+json answers,
 * the bearer and internal-key auth schemes.
 */
package com.mmorpg.service.openapi;
