package com.mmorpg.auth.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints ({@code X-Internal-Key}): ban and unban an account. A ban closes the player's
 * sockets within a second and refuses logins until it ends.
 */
@RestController
@Tag(name = "internal: accounts", description = "For operators (X-Internal-Key)")
class InternalAccountController {

    private final AccountBans bans;

    InternalAccountController(AccountBans bans) {
        this.bans = bans;
    }

    @Operation(summary = "Ban an account (no duration_seconds: for good)", description = "Every session ends at once: "
            + "refresh tokens revoked, sockets closed with SESSION_REVOKED; logins answer ACCOUNT_BANNED until it ends")
    @ApiResponse(responseCode = "200", description = "{user_id, banned_until, reason}")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @PostMapping("/internal/accounts/{id}/ban")
    BanResponse ban(@PathVariable long id, @Valid @RequestBody BanRequest request) {
        AccountBan ban = bans.ban(id, request.reason(),
                request.durationSeconds() == null ? null : Duration.ofSeconds(request.durationSeconds()));
        return new BanResponse(id, ban.until() == null ? null : ban.until().toString(), ban.reason());
    }

    @Operation(summary = "Lift an account's ban")
    @ApiResponse(responseCode = "204", description = "Lifted")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @DeleteMapping("/internal/accounts/{id}/ban")
    ResponseEntity<Void> lift(@PathVariable long id) {
        bans.lift(id);
        return ResponseEntity.noContent().build();
    }
}
