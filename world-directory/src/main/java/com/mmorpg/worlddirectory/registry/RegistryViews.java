package com.mmorpg.worlddirectory.registry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Requests of {@code /map-registry} (snake_case, as the seed's map server sends), validated here;
 * the allocation answer is the contract record {@code com.mmorpg.common.internal.MapRegistry.Allocation}.
 */
public final class RegistryViews {

    static final String SERVER_ID = "map-server-[A-Za-z0-9_-]{1,48}";

    private RegistryViews() {
    }

    record RegisterRequest(
            @NotNull @Pattern(regexp = SERVER_ID, message = "must look like map-server-<1-48 of A-Z a-z 0-9 _ ->") String id,
            @Size(min = 1, max = 64) String name,
            @NotNull @HostOrIp String ip,
            @NotNull @Min(1) @Max(65_535) Integer port,
            @NotNull @Size(min = 1, max = 64) List<@NotNull @Min(1) @Max(1_000_000) Integer> supportedMaps,
            @NotNull @Min(1) @Max(10_000) Integer maxPlayers,
            MapServerState state,
            @Pattern(regexp = OPS_ADDRESS, message = "must be host:port") String opsAddress,
            @Pattern(regexp = CONTENT_VERSION, message = "must be 16 hex digits") String contentVersion) {
    }

    /** A content folder's version: the first 16 hex digits of its SHA-256 (world-content's ContentVersion). */
    static final String CONTENT_VERSION = "[0-9a-f]{16}";

    /** host:port of a map server's ops port (an IPv6 host in brackets). */
    static final String OPS_ADDRESS = "(\\[[0-9A-Fa-f:.%]{2,60}\\]|[A-Za-z0-9.-]{1,253}):[0-9]{1,5}";

    record HeartbeatRequest(
            @NotNull @Pattern(regexp = SERVER_ID, message = "must look like map-server-<1-48 of A-Z a-z 0-9 _ ->") String id,
            @NotNull @PositiveOrZero @Max(1_000_000) Integer currentPlayers,
            @PositiveOrZero @Max(1_000_000) Double load,
            @PositiveOrZero @Max(1_000_000) Double tickP99Ms,
            @PositiveOrZero @Max(1_000_000) Double tickCpuP99Ms,
            @PositiveOrZero @Max(1_000_000) Integer savesPending,
            @PositiveOrZero Long oldestUnsavedMs,
            @Pattern(regexp = CONTENT_VERSION, message = "must be 16 hex digits") String contentVersion) {
    }

    /** For operators: a live server and the seconds left before it expires. */
    public record ServerListing(MapServerRecord server, long ttlSeconds) {
    }
}
