/**
 * What the three Spring services share, switched on by {@code ServiceSupportAutoConfiguration}:
 * each subpackage one concern. Used by auth-service, world-directory and the gateway; never by the map
 * server (no Spring) or a client.
 */
package com.mmorpg.service;
