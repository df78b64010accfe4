package com.mmorpg.auth.staff;

import com.mmorpg.auth.account.Accounts;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.common.token.Role;
import com.mmorpg.service.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Whom a staff member may act on: only accounts of a lower rank than their own (a gm on players, an
 * admin on gms and players), never a peer or a superior, so a rogue or phished gm cannot ban, mute or
 * kick the admins who would stop them. On their own account only where it is harmless (a stuck
 * character of their own). A refusal is audited (in the caller's transaction, which must commit on
 * {@link ForbiddenTargetException}) and answered 403 {@code FORBIDDEN_TARGET}.
 */
@Service
public class StaffTargets {

    /** Whether the action may be done by a member on their own account. */
    public enum Self { ALLOWED, REFUSED }

    private final Accounts accounts;
    private final StaffAudit audit;
    private final MeterRegistry meters;

    StaffTargets(Accounts accounts, StaffAudit audit, MeterRegistry meters) {
        this.accounts = accounts;
        this.audit = audit;
        this.meters = meters;
    }

    /**
     * The stored role of an account, its row locked for the caller's transaction (so no role change
     * slips between the check and the action); empty when there is no such account.
     */
    public Optional<Role> roleOf(long accountId) {
        return accounts.lockedRole(accountId);
    }

    /** Whether {@code actor} may act on the account {@code accountId} of role {@code role}. */
    public static boolean mayActOn(Staff actor, long accountId, Role role, Self self) {
        if (accountId == actor.accountId()) {
            return self == Self.ALLOWED;
        }
        return actor.outranks(role);
    }

    /**
     * Refuses (audited, 403 {@code FORBIDDEN_TARGET}) unless {@code actor} may do {@code action} to
     * account {@code accountId}, whose role is {@code role}.
     *
     * @param target what the audit names as the target ({@code account:7}, {@code character:12})
     */
    public void check(Staff actor, String action, long accountId, Role role, Self self, String target, String address) {
        if (mayActOn(actor, accountId, role, self)) {
            return;
        }
        meters.counter("auth.staff.refused", "action", action).increment();
        audit.record(actor, action + "_refused", target, "target is " + (accountId == actor.accountId() ? "themselves"
                : "a " + role.wireName()), address);
        throw new ForbiddenTargetException(actor.role(), role, accountId == actor.accountId());
    }

    /** A staff action on an account of an equal or higher rank (or on oneself): 403 {@code FORBIDDEN_TARGET}. */
    public static final class ForbiddenTargetException extends ApiException {

        ForbiddenTargetException(Role actor, Role target, boolean self) {
            super(HttpStatus.FORBIDDEN, "FORBIDDEN_TARGET", self ? "Staff do not do this to their own account"
                    : "A " + actor.wireName() + " acts only on accounts of a lower rank; this one is a " + target.wireName());
            property("target_role", target.wireName());
        }
    }
}
