/**
 * Getting to PostgreSQL: {@code DATABASE_URL} in the seed's {@code postgresql://} form or JDBC's, and a start-up
 * check that ends the service with one clear message when the database cannot be reached. Used by Spring Boot
 * alone (spring.factories); owns no table.
 */
package com.mmorpg.auth.database;
