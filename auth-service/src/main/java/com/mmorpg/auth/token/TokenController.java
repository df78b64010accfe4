package com.mmorpg.auth.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.mmorpg.auth.ratelimit.ClientAddress;
import com.mmorpg.auth.ratelimit.LoginGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "sessions", description = "Refresh-token rotation and logout")
class TokenController {

    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    private final SessionTokens sessions;
    private final LoginGuard guard;

    TokenController(SessionTokens sessions, LoginGuard guard) {
        this.sessions = sessions;
        this.guard = guard;
    }

    @Operation(summary = "Trade a refresh token for a new pair (the old one is used up)",
            description = "Presenting a used token again revokes that login's whole token family and closes its sockets; "
                    + "the same token again within 10 s, while its successor is unused, is a retry and gets that successor.")
    @ApiResponse(responseCode = "200", description = "The new token pair")
    @ApiResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN: unknown, expired, revoked or reused")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: per address, or per token family (Retry-After)")
    @PostMapping("/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        guard.admitRefresh(ClientAddress.key(http.getRemoteAddr()));
        return TokenResponse.of(sessions.refresh(request.refreshToken()));
    }

    @Operation(summary = "End the session of this refresh token", description = "Its sockets on every gateway close "
            + "within a second. Unknown or used tokens are accepted silently.")
    @ApiResponse(responseCode = "204", description = "Logged out")
    @PostMapping("/auth/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
