package com.mmorpg.worlddirectory.registry;

import com.mmorpg.worlddirectory.registry.RegistryExceptions.MapNotFoundException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.ServerNotRegisteredException;
import com.mmorpg.worlddirectory.registry.RegistryViews.AllocationResponse;
import com.mmorpg.worlddirectory.registry.RegistryViews.HeartbeatRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.RegisterRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.ServerListing;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /map-registry}: every route needs {@code X-Internal-Key} (service-support's guard). */
@RestController
class RegistryController {

    private final MapServerRegistry registry;

    RegistryController(MapServerRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/map-registry/register")
    @ResponseStatus(HttpStatus.CREATED)
    MapServerRecord register(@Valid @RequestBody RegisterRequest request) {
        return registry.register(request);
    }

    @PostMapping("/map-registry/heartbeat")
    MapServerRecord heartbeat(@Valid @RequestBody HeartbeatRequest request) {
        return registry.heartbeat(request);
    }

    @DeleteMapping("/map-registry/server/{id}")
    ResponseEntity<Void> deregister(@PathVariable String id) {
        if (!id.matches(RegistryViews.SERVER_ID)) {
            throw new ServerNotRegisteredException("(invalid id)");
        }
        registry.deregister(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/map-registry/map/{mapId}")
    AllocationResponse allocate(@PathVariable String mapId) {
        int map;
        try {
            map = Integer.parseInt(mapId);
        } catch (NumberFormatException e) {
            throw new MapNotFoundException(0);
        }
        if (map < 1) {
            throw new MapNotFoundException(map);
        }
        return AllocationResponse.of(registry.allocate(map));
    }

    @GetMapping("/map-registry/servers")
    List<ServerListing> servers() {
        return registry.listLive();
    }
}
