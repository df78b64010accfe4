package com.mmorpg.gateway.world;

/** Where a character may go and the ticket that lets it in. */
public record EntryGrant(String characterId, String characterName, int mapId, String serverId, String mapIp, int mapPort, String ticket,
        double spawnX, double spawnY, long expiresInSeconds) {
}
