package com.mmorpg.worlddirectory.staff;

import com.mmorpg.service.error.RecentErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The errors world-directory answered lately, for the console. */
@RestController
@Tag(name = "staff", description = "For support staff: a bearer access token of a gm or admin account")
class StaffStatsController {

    /** {@code recent_errors}: problem+json answers by code. */
    record Stats(Map<String, Long> recentErrors) {
    }

    private final RecentErrors errors;

    StaffStatsController(RecentErrors errors) {
        this.errors = errors;
    }

    @Operation(summary = "Errors world-directory answered in the last 15 minutes, by code")
    @ApiResponse(responseCode = "200", description = "{recent_errors}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/stats")
    Stats stats() {
        return new Stats(errors.lastMinutes(15));
    }
}
