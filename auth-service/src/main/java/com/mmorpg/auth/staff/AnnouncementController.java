package com.mmorpg.auth.staff;

import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A system message to every connected player, through every gateway. */
@RestController
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class AnnouncementController {

    record AnnouncementRequest(@NotBlank @Size(max = StaffNotice.MAX_MESSAGE_CHARS) String message) {
    }

    /** {@code gateways}: how many gateways received it. */
    record Announced(String message, long gateways) {
    }

    private final StaffNotices notices;
    private final StaffAudit audit;

    AnnouncementController(StaffNotices notices, StaffAudit audit) {
        this.notices = notices;
        this.audit = audit;
    }

    @Operation(summary = "Show every connected player a message",
            description = "Each gateway sends its players an announcement {message} event; one line, at most 500 characters "
                    + "in any script (every gateway decodes the longest)")
    @ApiResponse(responseCode = "200", description = "{message, gateways}")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: empty, or over 500 characters")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "503", description = "NOTICE_UNDELIVERED: Redis, through which gateways hear it, is away")
    @PostMapping("/admin/announce")
    Announced announce(@StaffAccount Staff staff, @Valid @RequestBody AnnouncementRequest request, HttpServletRequest http) {
        StaffNotice.Announcement announcement = new StaffNotice.Announcement(request.message());
        long gateways = notices.tell(announcement);
        if (gateways < 0) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "NOTICE_UNDELIVERED",
                    "The gateways could not be told; try again shortly");
        }
        audit.record(staff, "announce", null, announcement.message(), http.getRemoteAddr());
        return new Announced(announcement.message(), gateways);
    }
}
