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
import java.nio.charset.StandardCharsets;
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
                    + "and " + StaffNotice.MAX_MESSAGE_BYTES + " bytes of UTF-8 (what gateways decode: about 497 CJK characters)")
    @ApiResponse(responseCode = "200", description = "{message, gateways}")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED; ANNOUNCEMENT_TOO_LONG {max_bytes}: over "
            + StaffNotice.MAX_MESSAGE_BYTES + " bytes of UTF-8")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "503", description = "NOTICE_UNDELIVERED: Redis, through which gateways hear it, is away")
    @PostMapping("/admin/announce")
    Announced announce(@StaffAccount Staff staff, @Valid @RequestBody AnnouncementRequest request, HttpServletRequest http) {
        // Bytes, not characters, bound what a gateway decodes: 500 CJK characters would be dropped unread.
        if (StaffNotice.clean(request.message()).getBytes(StandardCharsets.UTF_8).length > StaffNotice.MAX_MESSAGE_BYTES) {
            throw new AnnouncementTooLongException();
        }
        StaffNotice.Announcement announcement = new StaffNotice.Announcement(request.message());
        long gateways = notices.tell(announcement);
        if (gateways < 0) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "NOTICE_UNDELIVERED",
                    "The gateways could not be told; try again shortly");
        }
        audit.record(staff, "announce", null, announcement.message(), http.getRemoteAddr());
        return new Announced(announcement.message(), gateways);
    }

    /** More UTF-8 bytes than a gateway decodes: 400 {@code ANNOUNCEMENT_TOO_LONG}. */
    static final class AnnouncementTooLongException extends ApiException {

        AnnouncementTooLongException() {
            super(HttpStatus.BAD_REQUEST, "ANNOUNCEMENT_TOO_LONG", "An announcement is at most " + StaffNotice.MAX_MESSAGE_BYTES
                    + " bytes of UTF-8 (about " + StaffNotice.MAX_MESSAGE_BYTES / 3 + " CJK characters)");
            property("max_bytes", StaffNotice.MAX_MESSAGE_BYTES);
        }
    }
}
