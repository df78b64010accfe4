package com.mmorpg.gateway.world;

/**
 * Where a character may go and the ticket that lets it in; {@code mapVersion}: the content version the
 * map server runs (auth-service's), which tells a client whether its cached copy of the map is current
 * (null when auth-service does not say).
 */
public record EntryGrant(String characterId, String characterName, int mapId, String serverId, String mapIp, int mapPort, String ticket,
        double spawnX, double spawnY, long expiresInSeconds, String mapVersion) {
}
