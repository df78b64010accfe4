package com.mmorpg.auth.staff;

import com.mmorpg.auth.token.SessionTokens;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.common.internal.StaffContracts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of staff actions, and the console's own session (who holds it, its logout). */
@RestController
@Validated
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffAuditController {

    private final StaffAudit audit;
    private final SessionTokens sessions;

    StaffAuditController(StaffAudit audit, SessionTokens sessions) {
        this.audit = audit;
        this.sessions = sessions;
    }

    @Operation(summary = "Log the console out: end the login session of this staff token",
            description = "Its refresh tokens are revoked and its access tokens refused from now on, here and on every "
                    + "gateway (world-directory's console routes within seconds); audited")
    @ApiResponse(responseCode = "204", description = "Logged out")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @PostMapping("/admin/logout")
    @Transactional
    ResponseEntity<Void> logout(@StaffAccount Staff staff, HttpServletRequest http) {
        sessions.endSession(staff.accountId(), staff.sessionId(), "logout");
        audit.record(staff, "logout", "account:" + staff.accountId(), null, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Who holds this staff token: the account and its role as stored now",
            description = "Other services (world-directory's console routes) ask this with the staff member's own token")
    @ApiResponse(responseCode = "200", description = "{user_id, username, role}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping(StaffContracts.ME_PATH)
    StaffContracts.Member me(@StaffAccount Staff staff) {
        return new StaffContracts.Member(staff.accountId(), staff.username(), staff.role().wireName());
    }

    @Operation(summary = "Write a staff action another service performed to the audit")
    @ApiResponse(responseCode = "204", description = "Written")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @PostMapping(StaffContracts.AUDIT_PATH)
    ResponseEntity<Void> recordElsewhere(@Valid @RequestBody ActionRequest request) {
        audit.record(request.actorId(), request.actorName(), request.action(), request.target(), request.detail(),
                request.address());
        return ResponseEntity.noContent().build();
    }

    /** {@link StaffContracts.Action}, validated. */
    record ActionRequest(@NotNull @Min(1) Long actorId, @NotBlank @Size(max = 20) String actorName,
            @NotBlank @Pattern(regexp = "[a-z_]{1,32}") String action, @Size(max = 64) String target,
            @Size(max = 300) String detail, @Size(max = 64) String address) {
    }

    @Operation(summary = "The newest staff actions, newest first")
    @ApiResponse(responseCode = "200", description = "[{id, at, actor_id, actor_name, action, target, detail, address}]")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/audit")
    List<StaffAudit.Entry> latest(@StaffAccount Staff staff,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.latest(limit);
    }
}
