package com.mmorpg.worlddirectory.staff;

import com.mmorpg.common.internal.StaffContracts;
import com.mmorpg.worlddirectory.session.OnlineSessions;
import com.mmorpg.worlddirectory.session.SessionViews;
import com.mmorpg.worlddirectory.session.SessionViews.OnlineCount;
import com.mmorpg.worlddirectory.session.SessionViews.SessionResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Who is online, as support staff ask it from the console (the gateways' own routes stay with the sessions). */
@RestController
@Tag(name = "sessions", description = "Who is online through which gateway (gateways)")
class StaffSessionController {

    private final OnlineSessions sessions;
    private final StaffGate gate;

    StaffSessionController(OnlineSessions sessions, StaffGate gate) {
        this.sessions = sessions;
        this.gate = gate;
    }

    @Operation(summary = "Whether a user is online, and through which gateway (support staff, for the console)")
    @ApiResponse(responseCode = "200", description = "{userId, gatewayId, since}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND: offline")
    @GetMapping("/admin/sessions/{userId}")
    SessionResponse staffSession(@PathVariable String userId,
            @RequestAttribute(StaffGate.MEMBER) StaffContracts.Member member, HttpServletRequest http) {
        if (userId.matches(SessionViews.ID)) { // audited once a while per member and user: the console asks on every redraw
            gate.auditRead(member, "session_lookup", "account:" + userId, null, http.getRemoteAddr());
        }
        return sessions.require(userId);
    }

    @Operation(summary = "How many players are online (support staff, for the console)")
    @ApiResponse(responseCode = "200", description = "{online}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/online")
    OnlineCount staffCount() {
        return new OnlineCount(sessions.countOnline());
    }
}
