package com.mmorpg.worlddirectory.staff;

import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.common.token.Role;
import com.mmorpg.worlddirectory.registry.MapServerRecord;
import com.mmorpg.worlddirectory.registry.MapServerRegistry;
import com.mmorpg.worlddirectory.registry.MapServerViews;
import com.mmorpg.worlddirectory.registry.RegistryViews.ServerListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The map servers as support staff see and steer them (a gm or admin access token, checked with auth-service).
 * Drains are audited; live-map views too, once a while per member and view (they are polled several times a second).
 */
@RestController
@Tag(name = "staff", description = "For support staff: a bearer access token of a gm or admin account")
class StaffRegistryController {

    private final MapServerRegistry registry;
    private final StaffGate gate;
    private final MapServerViews views;

    StaffRegistryController(MapServerRegistry registry, StaffGate gate, MapServerViews views) {
        this.registry = registry;
        this.gate = gate;
        this.views = views;
    }

    @Operation(summary = "A map server's map for the live view: tile size, size and rows (# blocked, . free)")
    @ApiResponse(responseCode = "200", description = "{id, name, tile_size, width, height, rows}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED, NO_LIVE_VIEW")
    @ApiResponse(responseCode = "503", description = "MAP_SERVER_UNREACHABLE")
    @GetMapping("/admin/servers/{id}/view/map")
    ResponseEntity<String> viewMap(@PathVariable String id, @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member,
            HttpServletRequest http) {
        String body = views.view(registry.find(id), "map");
        gate.auditRead(member, "live_map", "server:" + id, "map", http.getRemoteAddr());
        return json(body);
    }

    @Operation(summary = "Every entity of one channel of a map server, a few times a second (the live map)",
            description = "Rows [id, kind (0 player, 1 mob), type, name, x, y, hp, max_hp, state (2 dead)]")
    @ApiResponse(responseCode = "200", description = "{channel, tick, entities}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED, NO_LIVE_VIEW, CHANNEL_NOT_FOUND")
    @ApiResponse(responseCode = "503", description = "MAP_SERVER_UNREACHABLE")
    @GetMapping("/admin/servers/{id}/view/channel/{channel}")
    ResponseEntity<String> viewChannel(@PathVariable String id, @PathVariable int channel,
            @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member, HttpServletRequest http) {
        String body = views.view(registry.find(id), "channel/" + channel);
        gate.auditRead(member, "live_map", "server:" + id, "channel " + channel, http.getRemoteAddr());
        return json(body);
    }

    @Operation(summary = "Where a character is on a map server: its channel and live position",
            description = "From the live-map frames, which the first ask starts: a 404 just after that may be retried")
    @ApiResponse(responseCode = "200", description = "{character_id, entity_id, channel, x, y, tick}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED, NO_LIVE_VIEW, CHANNEL_NOT_FOUND (not there)")
    @ApiResponse(responseCode = "503", description = "MAP_SERVER_UNREACHABLE")
    @GetMapping("/admin/servers/{id}/view/character/{characterId}")
    ResponseEntity<String> viewCharacter(@PathVariable String id, @PathVariable long characterId,
            @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member, HttpServletRequest http) {
        String body = views.view(registry.find(id), "character/" + characterId);
        gate.auditRead(member, "live_map", "server:" + id, "character " + characterId, http.getRemoteAddr());
        return json(body);
    }

    /** The map server's JSON, passed on as it came. */
    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @Operation(summary = "Every live map server: state, maps, players and capacity, load, drained, seconds to expiry")
    @ApiResponse(responseCode = "200", description = "[{server, ttl_seconds}]")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/servers")
    List<ServerListing> servers() {
        return registry.listLive();
    }

    /** The content this directory runs: a server listed with another version sits empty when auth-service runs this one. */
    record ContentListing(String version, List<Integer> maps) {
    }

    @Operation(summary = "The content folder this directory runs: its version and map ids")
    @ApiResponse(responseCode = "200", description = "{version, maps}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/content")
    ContentListing content() {
        return new ContentListing(registry.content().version(), List.copyOf(registry.content().maps().keySet()));
    }

    @Operation(summary = "Drain a map server (admins): no new players are sent to it; those on it stay")
    @ApiResponse(responseCode = "200", description = "The server's entry")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not an admin")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED")
    @StaffOnly(Role.ADMIN)
    @PostMapping("/admin/servers/{id}/drain")
    MapServerRecord drain(@PathVariable String id, @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member,
            HttpServletRequest http) {
        MapServerRecord server = registry.drain(id, true);
        gate.audit(member, "drain", "server:" + id, null, http.getRemoteAddr());
        return server;
    }

    @Operation(summary = "Take a drain back (admins): the server gets new players again")
    @ApiResponse(responseCode = "200", description = "The server's entry")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not an admin")
    @ApiResponse(responseCode = "404", description = "SERVER_NOT_REGISTERED")
    @StaffOnly(Role.ADMIN)
    @DeleteMapping("/admin/servers/{id}/drain")
    MapServerRecord undrain(@PathVariable String id, @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member,
            HttpServletRequest http) {
        MapServerRecord server = registry.drain(id, false);
        gate.audit(member, "undrain", "server:" + id, null, http.getRemoteAddr());
        return server;
    }
}
