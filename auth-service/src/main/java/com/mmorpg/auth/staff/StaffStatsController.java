package com.mmorpg.auth.staff;

import com.mmorpg.auth.account.Accounts;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.service.error.RecentErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the console shows of accounts at a glance: logins lately, and the errors auth-service answered. */
@RestController
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffStatsController {

    /** {@code recent_errors}: problem+json answers by code. */
    record Stats(long loginsLastMinute, long loginsLastHour, long registrationsLastHour, Map<String, Long> recentErrors) {
    }

    private final Accounts accounts;
    private final RecentErrors errors;

    StaffStatsController(Accounts accounts, RecentErrors errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    @Operation(summary = "Logins in the last minute and hour, registrations in the last hour, errors by code (15 min)")
    @ApiResponse(responseCode = "200", description = "{logins_last_minute, logins_last_hour, registrations_last_hour, "
            + "recent_errors}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @GetMapping("/admin/stats")
    Stats stats(@StaffAccount Staff staff) {
        Accounts.Activity activity = accounts.activity();
        return new Stats(activity.loginsLastMinute(), activity.loginsLastHour(), activity.registrationsLastHour(),
                errors.lastMinutes(15));
    }
}
