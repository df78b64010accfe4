package com.mmorpg.auth.token;

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
class TokenController {

    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    private final SessionTokens sessions;
    private final LoginGuard guard;

    TokenController(SessionTokens sessions, LoginGuard guard) {
        this.sessions = sessions;
        this.guard = guard;
    }

    @PostMapping("/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        guard.admitRefresh(ClientAddress.key(http.getRemoteAddr()));
        return TokenResponse.of(sessions.refresh(request.refreshToken()));
    }

    @PostMapping("/auth/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
