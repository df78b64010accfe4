package com.mmorpg.client.gateway;

/**
 * Where to play: the gateway's {@code enter_world_success} / {@code join_map_success}. Connect to
 * {@code mapIp:mapPort} (TCP and UDP) and present {@code ticket} within {@code expiresIn} seconds.
 * {@code mapVersion}: the content version the map server runs, the ETag of auth-service's {@code /maps/{id}}
 * (null from a gateway that does not say): a cached map is current while they are equal.
 */
public record MapAssignment(String mapIp, int mapPort, int mapId, String serverId, String characterId, String ticket,
        double spawnX, double spawnY, long expiresIn, String mapVersion) {
}
