/**
 * Embedded PostgreSQL 17 and Redis servers, for machines without a Docker engine.
 */
package com.mmorpg.testsupport.embedded;
