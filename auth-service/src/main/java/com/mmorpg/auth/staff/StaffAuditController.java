package com.mmorpg.auth.staff;

import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of staff actions, for the console. */
@RestController
@Validated
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffAuditController {

    private final StaffAudit audit;

    StaffAuditController(StaffAudit audit) {
        this.audit = audit;
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
