package com.mmorpg.worlddirectory.session;

import com.mmorpg.worlddirectory.session.SessionViews.OnlineCount;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineRequest;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineResponse;
import com.mmorpg.worlddirectory.session.SessionViews.RefreshRequest;
import com.mmorpg.worlddirectory.session.SessionViews.RefreshResponse;
import com.mmorpg.worlddirectory.session.SessionViews.SessionResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /session}: called by gateways only ({@code X-Internal-Key}). */
@RestController
@Tag(name = "sessions", description = "Who is online through which gateway (gateways)")
class SessionController {

    private final OnlineSessions sessions;

    SessionController(OnlineSessions sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "A user is online through this gateway", description = "replaced names the gateway that held "
            + "the user before, which is told on its Redis channel to close that connection")
    @ApiResponse(responseCode = "200", description = "{userId, gatewayId, since, replaced}")
    @PostMapping("/session/online")
    OnlineResponse online(@Valid @RequestBody OnlineRequest request) {
        return sessions.online(request.userId(), request.gatewayId());
    }

    /** A gateway's periodic keep-alive for all its users (every 30 s against a 90 s TTL). */
    @Operation(summary = "A gateway keeps its users' sessions alive (every 30 s against a 90 s TTL)",
            description = "lost: users now online through another gateway (this one drops them); restored: sessions that "
                    + "had expired (e.g. during a Redis outage) and were recorded again")
    @ApiResponse(responseCode = "200", description = "{refreshed, lost, restored}")
    @PostMapping("/session/refresh")
    RefreshResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.gatewayId(), request.userIds());
    }

    @Operation(summary = "A user went offline (only if still this gateway's, when gatewayId is given)")
    @ApiResponse(responseCode = "204", description = "Removed, or there was nothing to remove")
    @DeleteMapping("/session/{userId}")
    ResponseEntity<Void> offline(@PathVariable String userId, @RequestParam(required = false) String gatewayId) {
        if (valid(userId) && (gatewayId == null || valid(gatewayId))) {
            sessions.remove(userId, gatewayId);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A user's online session")
    @ApiResponse(responseCode = "200", description = "{userId, gatewayId, since}")
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND")
    @GetMapping("/session/{userId}")
    SessionResponse get(@PathVariable String userId) {
        return sessions.require(userId);
    }

    @Operation(summary = "How many users are online")
    @GetMapping("/session")
    OnlineCount count() {
        return new OnlineCount(sessions.countOnline());
    }

    private static boolean valid(String id) {
        return id.matches(SessionViews.ID);
    }
}
