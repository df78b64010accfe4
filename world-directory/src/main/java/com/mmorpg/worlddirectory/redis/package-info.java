/**
 * Getting to Redis: a start-up check (listed in spring.factories) that ends the service with one clear message when
 * Redis, its Sentinels or its Cluster cannot be reached. Used by Spring Boot alone; owns no key.
 */
package com.mmorpg.worlddirectory.redis;
