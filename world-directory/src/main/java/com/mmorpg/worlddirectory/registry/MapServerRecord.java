package com.mmorpg.worlddirectory.registry;

import java.util.List;

/**
 * What is stored under the server's id (e.g. {@code map-server-1}) as JSON with a TTL: the seed's
 * registration fields plus the counts of the last heartbeat, and whether support staff drained it
 * ({@code drained}: no new players are sent to it; those on it stay), and where its ops port is
 * ({@code ops_address}, null when it did not say; the console's live map is relayed from there),
 * and its recent tick p99, wall and CPU, in milliseconds (null until a heartbeat says), and how many
 * characters' progress it holds unsaved and since how long (null until a heartbeat says): while
 * auth-service or its database is away, this grows and the console shows it; and the version of the
 * content folder it runs ({@code content_version}, null when it did not say).
 */
public record MapServerRecord(String id, String name, String ip, int port, List<Integer> supportedMaps, int maxPlayers,
        int currentPlayers, double load, MapServerState state, long registeredAt, long lastHeartbeatAt, boolean drained,
        String opsAddress, Double tickP99Ms, Double tickCpuP99Ms, Integer savesPending, Long oldestUnsavedMs,
        String contentVersion) {

    int freeSlots() {
        return maxPlayers - currentPlayers;
    }

    /** @param version the content version the heartbeat names; null keeps the registered one */
    MapServerRecord withHeartbeat(int players, double newLoad, Double tickP99, Double tickCpuP99, Integer pending,
            Long oldestUnsaved, String version, long now) {
        return new MapServerRecord(id, name, ip, port, supportedMaps, maxPlayers, players, newLoad, state,
                registeredAt, now, drained, opsAddress, tickP99, tickCpuP99, pending, oldestUnsaved,
                version == null ? contentVersion : version);
    }

    MapServerRecord withDrained(boolean value) {
        return new MapServerRecord(id, name, ip, port, supportedMaps, maxPlayers, currentPlayers, load, state,
                registeredAt, lastHeartbeatAt, value, opsAddress, tickP99Ms, tickCpuP99Ms, savesPending, oldestUnsavedMs,
                contentVersion);
    }
}
