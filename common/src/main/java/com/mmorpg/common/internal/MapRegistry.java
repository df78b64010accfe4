package com.mmorpg.common.internal;

import java.util.List;

/** world-directory's map server registry ({@code /map-registry}). */
public final class MapRegistry {

    private MapRegistry() {
    }

    public static final String REGISTER_PATH = "/map-registry/register";
    public static final String HEARTBEAT_PATH = "/map-registry/heartbeat";

    public static String serverPath(String serverId) {
        return "/map-registry/server/" + serverId;
    }

    public static String allocationPath(int mapId) {
        return "/map-registry/map/" + mapId;
    }

    /**
     * The allocation of a server of {@code mapId} that runs content {@code contentVersion} (auth-service's):
     * 409 {@code CONTENT_MISMATCH} when the map's servers run another.
     */
    public static String allocationPath(int mapId, String contentVersion) {
        return allocationPath(mapId) + (contentVersion == null ? "" : "?content_version=" + contentVersion);
    }

    /**
     * {@code state}: {@code ACTIVE} or {@code DRAINING}; {@code ops_address}: host:port of the server's
     * ops port, where the console's live map is relayed from (null: none); {@code content_version}: the
     * version of the content folder it runs (null from servers that do not say: never allocated to a
     * caller that names a version).
     */
    public record Registration(String id, String name, String ip, int port, List<Integer> supportedMaps, int maxPlayers,
            String state, String opsAddress, String contentVersion) {
    }

    /**
     * {@code tick_p99_ms}, {@code tick_cpu_p99_ms}: the server's recent tick p99, wall and CPU (null: not known yet);
     * {@code saves_pending}: characters whose progress auth-service has not acknowledged yet, and
     * {@code oldest_unsaved_ms} how old the oldest of it is (both null from servers that do not say);
     * {@code content_version}: as at registration (null: unchanged).
     */
    public record Heartbeat(String id, int currentPlayers, double load, Double tickP99Ms, Double tickCpuP99Ms,
            Integer savesPending, Long oldestUnsavedMs, String contentVersion) {

        public Heartbeat(String id, int currentPlayers, double load, Double tickP99Ms, Double tickCpuP99Ms) {
            this(id, currentPlayers, load, tickP99Ms, tickCpuP99Ms, null, null, null);
        }
    }

    /** The map server a player of a map goes to. */
    public record Allocation(String id, String name, String ip, int port, int currentPlayers, int maxPlayers) {
    }
}
