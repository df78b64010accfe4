package com.mmorpg.auth.staff;

import com.mmorpg.auth.account.AccountBan;
import com.mmorpg.auth.account.AccountLogin;
import com.mmorpg.auth.account.AccountNotFoundException;
import com.mmorpg.auth.account.Accounts;
import com.mmorpg.auth.account.BanRequest;
import com.mmorpg.auth.account.BanResponse;
import com.mmorpg.auth.character.CharacterLine;
import com.mmorpg.auth.character.Characters;
import com.mmorpg.auth.staff.StaffTargets.ForbiddenTargetException;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.common.token.Role;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What support staff do to accounts (a gm or admin access token; roles are read from the database
 * on every request): look a player up, ban and unban, mute and unmute chat, and (admins) grant roles. Every action is
 * written to the staff audit in the same transaction. Actions reach only accounts of a lower rank than the
 * actor's ({@link StaffTargets}); a refusal is audited too (so those transactions commit on it).
 */
@RestController
@Validated
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffAccountController {

    /**
     * An account as support staff see it, with its characters and latest logins; {@code banned_until}: null when
     * not banned, "forever" for good; {@code may_act}: whether the viewer may ban, mute, kick it or change its role
     * (a lower rank than theirs).
     */
    record AccountOverview(long userId, String username, String role, Instant createdAt, String bannedUntil,
            String banReason, String chatMutedUntil, List<CharacterLine> characters, List<AccountLogin> lastLogins,
            boolean mayAct) {
    }

    /** No {@code duration_seconds}: until lifted. */
    record MuteRequest(@NotBlank @Size(max = 200) String reason, @Min(1) @Max(31_536_000L) Long durationSeconds) {
    }

    /** {@code gateways}: how many were told at once (-1: none could be; the mute holds from each player's next entry). */
    record MuteResponse(long userId, String mutedUntil, String reason, long gateways) {
    }

    record RoleRequest(@NotBlank @Pattern(regexp = "player|gm|admin") String role) {
    }

    record RoleResponse(long userId, String role) {
    }

    /** At most this many accounts answer a lookup. */
    private static final int LOOKUP_LIMIT = 20;

    private final Accounts accounts;
    private final Characters characters;
    private final StaffAudit audit;
    private final ChatMutes mutes;
    private final StaffTargets targets;

    StaffAccountController(Accounts accounts, Characters characters, StaffAudit audit, ChatMutes mutes,
            StaffTargets targets) {
        this.accounts = accounts;
        this.characters = characters;
        this.targets = targets;
        this.mutes = mutes;
        this.audit = audit;
    }

    @Operation(summary = "Players whose username or one of whose characters' names is the query (case-insensitive)",
            description = "Account, role, ban, characters (level, map, position, the map server holding it) and the last "
                    + "logins. Audited (once per staff member and query every few minutes)")
    @ApiResponse(responseCode = "200", description = "[{user_id, username, role, created_at, banned_until, ban_reason, "
            + "chat_muted_until, characters, last_logins, may_act}] (empty when nobody matches)")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/players")
    List<AccountOverview> lookup(@StaffAccount Staff staff, @RequestParam @NotBlank @Size(max = 32) String query,
            HttpServletRequest http) {
        String name = query.strip();
        audit.recordRead(staff, "lookup", null, name, http.getRemoteAddr());
        return accounts.named(name, characters.accountsWithCharacterNamed(name), LOOKUP_LIMIT).stream()
                .map(id -> overview(staff, id))
                .toList();
    }

    private AccountOverview overview(Staff viewer, long accountId) {
        Accounts.Profile account = accounts.profile(accountId);
        List<CharacterLine> lines = characters.linesOf(accountId);
        var ban = accounts.ban(accountId);
        return new AccountOverview(accountId, account.username(), account.role(), account.createdAt(),
                ban.map(b -> b.until() == null ? "forever" : b.until().toString()).orElse(null),
                ban.map(AccountBan::reason).orElse(null), mutes.mutedUntil(accountId), lines,
                accounts.latestLogins(accountId),
                StaffTargets.mayActOn(viewer, accountId, Role.of(account.role()).orElse(Role.PLAYER), StaffTargets.Self.REFUSED));
    }

    @Operation(summary = "Ban an account (no duration_seconds: for good)", description = "Every session ends at once: "
            + "refresh tokens revoked, sockets closed with SESSION_REVOKED within a second; logins answer ACCOUNT_BANNED")
    @ApiResponse(responseCode = "200", description = "{user_id, banned_until, reason}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: an account of "
            + "the caller's rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @PostMapping("/admin/accounts/{id}/ban")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    BanResponse ban(@StaffAccount Staff staff, @PathVariable long id, @Valid @RequestBody BanRequest request,
            HttpServletRequest http) {
        requireLowerRank(staff, "ban", id, http);
        AccountBan ban = accounts.ban(id, request.reason(),
                request.durationSeconds() == null ? null : Duration.ofSeconds(request.durationSeconds()));
        String until = ban.until() == null ? null : ban.until().toString();
        audit.record(staff, "ban", "account:" + id, (until == null ? "forever" : "until " + until) + ": " + request.reason(),
                http.getRemoteAddr());
        return new BanResponse(id, until, ban.reason());
    }

    @Operation(summary = "Lift an account's ban")
    @ApiResponse(responseCode = "204", description = "Lifted")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: an account of "
            + "the caller's rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @DeleteMapping("/admin/accounts/{id}/ban")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    ResponseEntity<Void> unban(@StaffAccount Staff staff, @PathVariable long id, HttpServletRequest http) {
        requireLowerRank(staff, "unban", id, http);
        accounts.lift(id);
        audit.record(staff, "unban", "account:" + id, null, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mute an account's chat (no duration_seconds: until lifted)", description = "Every gateway "
            + "refuses its lines with CHAT_MUTED from now on (the player stays in the world)")
    @ApiResponse(responseCode = "200", description = "{user_id, muted_until, reason, gateways}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: an account of "
            + "the caller's rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @PostMapping("/admin/accounts/{id}/mute")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    MuteResponse mute(@StaffAccount Staff staff, @PathVariable long id, @Valid @RequestBody MuteRequest request,
            HttpServletRequest http) {
        requireLowerRank(staff, "mute", id, http);
        long gateways = mutes.mute(id, request.durationSeconds() == null ? null : Duration.ofSeconds(request.durationSeconds()));
        String until = mutes.mutedUntil(id);
        audit.record(staff, "mute", "account:" + id, "until " + until + ": " + request.reason(), http.getRemoteAddr());
        return new MuteResponse(id, until, request.reason(), gateways);
    }

    @Operation(summary = "Lift an account's chat mute")
    @ApiResponse(responseCode = "204", description = "Lifted")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin; FORBIDDEN_TARGET: an account of "
            + "the caller's rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @DeleteMapping("/admin/accounts/{id}/mute")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    ResponseEntity<Void> unmute(@StaffAccount Staff staff, @PathVariable long id, HttpServletRequest http) {
        requireLowerRank(staff, "unmute", id, http);
        mutes.lift(id);
        audit.record(staff, "unmute", "account:" + id, null, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** 404 without the account; 403 {@code FORBIDDEN_TARGET} (audited) unless it ranks below the caller. */
    private void requireLowerRank(Staff staff, String action, long id, HttpServletRequest http) {
        Role role = targets.roleOf(id).orElseThrow(AccountNotFoundException::new);
        targets.check(staff, action, id, role, StaffTargets.Self.REFUSED, "account:" + id, http.getRemoteAddr());
    }

    @Operation(summary = "Give an account a role (admins only)", description = "player, gm or admin, to a gm or player "
            + "(never to another admin); it takes effect on the account's next request to a staff route, and in its tokens "
            + "from its next refresh")
    @ApiResponse(responseCode = "200", description = "{user_id, role}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not an admin; FORBIDDEN_TARGET: the account is an admin")
    @ApiResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "OWN_ROLE: an admin does not change their own role")
    @PutMapping("/admin/accounts/{id}/role")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    RoleResponse role(@StaffAccount(Role.ADMIN) Staff staff, @PathVariable long id, @Valid @RequestBody RoleRequest request,
            HttpServletRequest http) {
        if (id == staff.accountId()) {
            throw new ApiException(HttpStatus.CONFLICT, "OWN_ROLE", "An admin does not change their own role");
        }
        Role current = targets.roleOf(id).orElseThrow(AccountNotFoundException::new);
        targets.check(staff, "role", id, current, StaffTargets.Self.REFUSED, "account:" + id, http.getRemoteAddr());
        accounts.changeRole(id, request.role());
        audit.record(staff, "role", "account:" + id, request.role(), http.getRemoteAddr());
        return new RoleResponse(id, request.role());
    }
}
