package com.mmorpg.common.internal;

import java.time.Instant;
import java.util.List;

/** A map server's leases on characters (auth-service, {@code /characters/{id}/internal/lease} and {@code /internal/leases/renew}). */
public final class Leases {

    private Leases() {
    }

    public static String leasePath(String characterId) {
        return "/characters/" + characterId + "/internal/lease";
    }

    public static String releasePath(String characterId, long leaseId) {
        return leasePath(characterId) + "/" + leaseId;
    }

    public static final String RENEW_PATH = "/internal/leases/renew";

    /**
     * A map server asks for a character a player brought a ticket for; {@code sessionId} is the ticket's
     * login session (null when it has none), so the end of that session can remove the player.
     */
    public record Request(String serverId, long mapId, String ticketJti, String sessionId) {
    }

    /**
     * {@code resumed}: this server held the character already (a reconnect), so nothing was handed over;
     * {@code inventory}: the character's items as stored (null from an auth-service without items).
     */
    public record Grant(long leaseId, String serverId, Instant expiresAt, boolean resumed, CharacterRecord character,
            Items.Held inventory) {
    }

    /**
     * What a holder reads back when a write's outcome is in doubt ({@code GET .../internal/lease}): the
     * stored version and who holds the lease now ({@code leaseId} and {@code serverId} null when nobody
     * does; {@code live} false when it lapsed without anyone taking it).
     */
    public record Holding(String characterId, long version, Long leaseId, String serverId, Instant expiresAt, boolean live) {

        /** True when {@code leaseId} is the lease stored now, lapsed or not: its holder may still write. */
        public boolean heldBy(long leaseId) {
            return this.leaseId != null && this.leaseId == leaseId;
        }
    }

    /** A holder renews the leases it holds (at most 1,000 per call). */
    public record Renewal(String serverId, List<Long> leaseIds) {
    }

    /**
     * {@code lost}: no longer held; {@code handover}: a newer login asks for these characters;
     * {@code kicked}: these players must leave (save, release, close), why in {@code removed};
     * {@code unstuck}: support staff want these characters on their map's spawn point (once each).
     * A map server older than {@code removed} (auth-service is upgraded first) ignores it and closes all
     * of {@code kicked} with {@code KICKED}; a lease in {@code kicked} without a reason is kicked.
     */
    public record Renewed(Instant expiresAt, List<Long> lost, List<Long> handover, List<Long> kicked, List<Long> unstuck,
            List<Removal> removed) {
    }

    /** Why a lease's player must leave: one of {@link Removal#KICKED}, {@link Removal#BANNED}, {@link Removal#SESSION_REVOKED}. */
    public record Removal(long leaseId, String code) {

        /** Support staff kicked the player; they may come back at once. */
        public static final String KICKED = "KICKED";
        /** The account was banned. */
        public static final String BANNED = "BANNED";
        /** The login session the player entered with ended: logout, refresh-token reuse, revocation. */
        public static final String SESSION_REVOKED = "SESSION_REVOKED";
    }
}
