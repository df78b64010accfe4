package com.mmorpg.auth.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
class InternalAccountController {

    /** {@code duration_seconds} absent: for good. */
    record BanRequest(@NotBlank @Size(max = 200) String reason, @Min(1) @Max(3_153_600_000L) Long durationSeconds) {
    }

    record BanResponse(long userId, String bannedUntil, String reason) {
    }

    private final AccountBans bans;

    InternalAccountController(AccountBans bans) {
        this.bans = bans;
    }

    @PostMapping("/internal/accounts/{id}/ban")
    BanResponse ban(@PathVariable long id, @Valid @RequestBody BanRequest request) {
        AccountBans.Ban ban = bans.ban(id, request.reason(),
                request.durationSeconds() == null ? null : Duration.ofSeconds(request.durationSeconds()));
        return new BanResponse(id, ban.until() == null ? null : ban.until().toString(), ban.reason());
    }

    @DeleteMapping("/internal/accounts/{id}/ban")
    ResponseEntity<Void> lift(@PathVariable long id) {
        bans.lift(id);
        return ResponseEntity.noContent().build();
    }
}
