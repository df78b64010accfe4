package com.mmorpg.worlddirectory.registry;

import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.service.error.ApiException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.MapNotFoundException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.ServerNotRegisteredException;
import com.mmorpg.worlddirectory.registry.RegistryViews.HeartbeatRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.RegisterRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.ServerListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /map-registry}: every route needs {@code X-Internal-Key} (service-support's guard). */
@RestController
@Tag(name = "map servers", description = "Registry and allocation (map servers and gateways)")
class RegistryController {

    private final MapServerRegistry registry;

    RegistryController(MapServerRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "A map server announces itself (again after a restart: the same id replaces its entry)")
    @ApiResponse(responseCode = "201", description = "The registered server")
    @PostMapping("/map-registry/register")
    @ResponseStatus(HttpStatus.CREATED)
    MapServerRecord register(@Valid @RequestBody RegisterRequest request) {
        return registry.register(request);
    }

    @Operation(summary = "A map server's heartbeat (every 15 s; without one for MAP_SERVER_TTL it is dropped)",
            description = "Carries its player count and state (RUNNING, DRAINING)")
    @ApiResponse(responseCode = "200", description = "The server's entry")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED: unknown or expired; register again")
    @PostMapping("/map-registry/heartbeat")
    MapServerRecord heartbeat(@Valid @RequestBody HeartbeatRequest request) {
        return registry.heartbeat(request);
    }

    @Operation(summary = "A map server leaves (on shutdown)")
    @ApiResponse(responseCode = "204", description = "Deregistered")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED")
    @DeleteMapping("/map-registry/server/{id}")
    ResponseEntity<Void> deregister(@PathVariable String id) {
        if (!id.matches(RegistryViews.SERVER_ID)) {
            throw new ServerNotRegisteredException("(invalid id)");
        }
        registry.deregister(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Which server a player entering this map should use: the least loaded live one")
    @ApiResponse(responseCode = "200", description = "{server_id, ip, port, ...}")
    @ApiResponse(responseCode = "404", description = "MAP_NOT_FOUND: no live server for this map; UNKNOWN_MAP: nor does the world have it")
    @ApiResponse(responseCode = "409", description = "CONTENT_MISMATCH: the map's servers run other content than content_version")
    @ApiResponse(responseCode = "503", description = "MAP_FULL: every server of the map is full; STORE_UNAVAILABLE")
    @GetMapping("/map-registry/map/{mapId}")
    MapRegistry.Allocation allocate(@PathVariable String mapId,
            @Parameter(description = "only servers running this content version (auth-service's): 16 hex digits")
            @RequestParam(name = "content_version", required = false) String contentVersion) {
        if (contentVersion != null && !contentVersion.matches(RegistryViews.CONTENT_VERSION)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "content_version must be 16 hex digits");
        }
        int map;
        try {
            map = Integer.parseInt(mapId);
        } catch (NumberFormatException e) {
            throw new MapNotFoundException(0);
        }
        if (map < 1) {
            throw new MapNotFoundException(map);
        }
        MapServerRecord server = registry.allocate(map, contentVersion);
        return new MapRegistry.Allocation(server.id(), server.name(), server.ip(), server.port(), server.currentPlayers(),
                server.maxPlayers());
    }

    @Operation(summary = "Every live map server")
    @GetMapping("/map-registry/servers")
    List<ServerListing> servers() {
        return registry.listLive();
    }
}
