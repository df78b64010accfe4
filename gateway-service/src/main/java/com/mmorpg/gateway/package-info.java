/**
 * The gateway service's composition root: the Spring Boot application. Players' WebSockets are in
 * {@code connection}, entering the world in {@code world}, chat and parties in {@code chat}; nothing
 * else lives here.
 */
package com.mmorpg.gateway;
