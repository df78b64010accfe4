package com.mmorpg.common.internal;

/**
 * Support staff across services (auth-service keeps accounts, roles and the audit): who holds a
 * staff access token ({@code GET /admin/me}, called with that token), and an action another
 * service performed for a staff member, written to the audit ({@code POST /internal/staff-audit}).
 */
public final class StaffContracts {

    private StaffContracts() {
    }

    public static final String ME_PATH = "/admin/me";
    public static final String AUDIT_PATH = "/internal/staff-audit";
    /**
     * The address of the browser a relayed console call came from (world-directory's console relay sets it).
     * auth-service believes it only on a call that also carries the valid {@code X-Internal-Key}; otherwise the
     * header is ignored, so a client cannot pick its own address for lockouts, limits and the audit.
     */
    public static final String CLIENT_ADDRESS_HEADER = "X-Relayed-Client-Address";

    /** The account behind a staff token, as stored now; {@code role}: {@code gm} or {@code admin}. */
    public record Member(long userId, String username, String role) {
    }

    /** One staff action done elsewhere; {@code address}: the staff member's client address. */
    public record Action(long actorId, String actorName, String action, String target, String detail, String address) {
    }
}
