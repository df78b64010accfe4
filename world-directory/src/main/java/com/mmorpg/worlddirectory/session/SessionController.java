package com.mmorpg.worlddirectory.session;

import com.mmorpg.worlddirectory.session.OnlineSessions.SessionNotFoundException;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineCount;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineRequest;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineResponse;
import com.mmorpg.worlddirectory.session.SessionViews.RefreshRequest;
import com.mmorpg.worlddirectory.session.SessionViews.RefreshResponse;
import com.mmorpg.worlddirectory.session.SessionViews.SessionResponse;
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
class SessionController {

    private final OnlineSessions sessions;

    SessionController(OnlineSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/session/online")
    OnlineResponse online(@Valid @RequestBody OnlineRequest request) {
        return sessions.online(request.userId(), request.gatewayId());
    }

    /** A gateway's periodic keep-alive for all its users (every 30 s against a 90 s TTL). */
    @PostMapping("/session/refresh")
    RefreshResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.gatewayId(), request.userIds());
    }

    @DeleteMapping("/session/{userId}")
    ResponseEntity<Void> offline(@PathVariable String userId, @RequestParam(required = false) String gatewayId) {
        if (valid(userId) && (gatewayId == null || valid(gatewayId))) {
            sessions.remove(userId, gatewayId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/session/{userId}")
    SessionResponse get(@PathVariable String userId) {
        if (!valid(userId)) {
            throw new SessionNotFoundException();
        }
        return sessions.find(userId).orElseThrow(SessionNotFoundException::new);
    }

    @GetMapping("/session")
    OnlineCount count() {
        return new OnlineCount(sessions.countOnline());
    }

    private static boolean valid(String id) {
        return id.matches(SessionViews.ID);
    }
}
