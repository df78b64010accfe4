package com.mmorpg.auth.character;

import com.mmorpg.auth.character.CharacterExceptions.AccountBannedException;
import com.mmorpg.auth.character.CharacterExceptions.CharacterInWorldException;
import com.mmorpg.auth.character.CharacterExceptions.CharacterNotFoundException;
import com.mmorpg.auth.character.CharacterExceptions.LeaseLostException;
import com.mmorpg.auth.character.CharacterExceptions.SessionEndedException;
import com.mmorpg.auth.character.CharacterExceptions.TicketReplayedException;
import com.mmorpg.auth.character.CharacterExceptions.WrongMapException;
import com.mmorpg.auth.item.ItemBooks;
import com.mmorpg.auth.token.SessionTokens;
import com.mmorpg.auth.token.SessionsEnded;
import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.Items;
import com.mmorpg.common.internal.Leases;
import com.mmorpg.service.error.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leases on live characters (see {@code V2__character_leases.sql}): at most one map server holds a
 * character at a time. Every operation locks the character's row first (then its lease), the same
 * order as a state write, so concurrent grants, saves and releases of one character serialize and
 * never deadlock. Times are the database's ({@code now()}), so auth-service replicas agree.
 * One class for the whole life of a lease (grant, renewal, write check, release, the marks staff and ended
 * sessions put on it) at about 350 lines: the lock order above holds only while every statement on
 * {@code character_leases} sits here together.
 */
@Component
class CharacterLeases {

    private static final Logger log = LoggerFactory.getLogger(CharacterLeases.class);

    private final JdbcClient jdbc;
    private final CharacterReads reads;
    private final LeaseProperties properties;
    private final SessionTokens sessions;
    private final ItemBooks items;

    CharacterLeases(JdbcClient jdbc, CharacterReads reads, LeaseProperties properties, SessionTokens sessions, ItemBooks items) {
        this.jdbc = jdbc;
        this.items = items;
        this.sessions = sessions;
        this.reads = reads;
        this.properties = properties;
    }

    /** A granted lease: its id (the holder's proof on every write) and when it lapses unless renewed. */
    record Lease(long leaseId, String serverId, Instant expiresAt) {
    }

    /** {@code resumed}: the same server already held it (a reconnect); the lease is then still in use there. */
    record Granted(Lease lease, boolean resumed, CharacterRecord character, Items.Held inventory) {
    }

    /** Renewal of a holder's leases: those it no longer holds, and those another server asks for. */
    record Renewal(Instant expiresAt, List<Long> lost, List<Long> handover, List<Leases.Removal> removed, List<Long> unstuck) {
    }

    private record Held(long leaseId, String serverId, boolean live) {
    }

    /**
     * Grants {@code characterId} to {@code serverId} (for a player arriving with ticket
     * {@code ticketJti} on map {@code mapId}). The same server is granted again (a reconnect keeps
     * the lease). While another server holds a live lease, that holder is asked to hand the
     * character over and the caller gets {@link CharacterInWorldException} to retry shortly; this is
     * committed, the ticket is not consumed. A banned account's character, or a ticket of a login
     * session that has ended ({@code sessionId}, null for none), is refused.
     */
    @Transactional(noRollbackFor = CharacterInWorldException.class)
    Granted grant(long characterId, String serverId, int mapId, String ticketJti, String sessionId) {
        int savedMap = lockCharacter(characterId);
        if (savedMap != mapId) {
            throw new WrongMapException(savedMap);
        }
        refuseEndedEntry(characterId, sessionId);
        Optional<Held> held = held(characterId);
        if (held.isPresent() && held.get().live() && !held.get().serverId().equals(serverId)) {
            int asked = jdbc.sql("""
                    UPDATE character_leases SET handover_requested_at = now()
                    WHERE character_id = ? AND handover_requested_at IS NULL""").param(characterId).update();
            if (asked > 0) {
                log.info("Character handover requested character={} holder={} wanted_by={}", characterId,
                        held.get().serverId(), serverId);
            }
            throw new CharacterInWorldException(held.get().serverId(), properties.retryAfter());
        }
        int fresh = jdbc.sql("""
                INSERT INTO used_map_tickets (jti, character_id, server_id, used_at) VALUES (?, ?, ?, now())
                ON CONFLICT DO NOTHING""").params(ticketJti, characterId, serverId).update();
        if (fresh == 0) {
            throw new TicketReplayedException();
        }
        Lease lease = jdbc.sql("""
                INSERT INTO character_leases (character_id, lease_id, server_id, granted_at, expires_at)
                VALUES (:character, nextval('character_lease_ids'), :server, now(), now() + :ttl * interval '1 millisecond')
                ON CONFLICT (character_id) DO UPDATE SET
                    lease_id = CASE WHEN character_leases.server_id = excluded.server_id
                                     AND character_leases.expires_at > now()
                                    THEN character_leases.lease_id ELSE excluded.lease_id END,
                    server_id = excluded.server_id,
                    granted_at = CASE WHEN character_leases.server_id = excluded.server_id
                                       AND character_leases.expires_at > now()
                                      THEN character_leases.granted_at ELSE now() END,
                    expires_at = excluded.expires_at,
                    handover_requested_at = NULL,
                    -- a kick or unstuck asked of the previous holder is not the new holder's
                    kick_requested_at = CASE WHEN character_leases.server_id = excluded.server_id
                                              AND character_leases.expires_at > now()
                                             THEN character_leases.kick_requested_at END,
                    unstuck_requested_at = CASE WHEN character_leases.server_id = excluded.server_id
                                                 AND character_leases.expires_at > now()
                                                THEN character_leases.unstuck_requested_at END
                RETURNING lease_id, server_id, expires_at""")
                .param("character", characterId).param("server", serverId).param("ttl", properties.ttl().toMillis())
                .query((row, n) -> new Lease(row.getLong("lease_id"), row.getString("server_id"),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .single();
        // The ticket's session is live (checked above): a removal asked because an earlier session of a
        // resumed stay ended is void now (a ban's is not: a banned account got no lease).
        jdbc.sql("""
                UPDATE character_leases SET session_id = ?,
                    kick_requested_at = CASE WHEN kick_reason = 'SESSION_REVOKED' THEN NULL ELSE kick_requested_at END
                WHERE character_id = ?""").params(sessionId, characterId).update();
        boolean resumed = held.isPresent() && held.get().leaseId() == lease.leaseId();
        if (held.isPresent() && !resumed) {
            log.info("Character lease taken over character={} lease={} server={} expired_holder={}", characterId,
                    lease.leaseId(), serverId, held.get().serverId());
        } else {
            log.debug("Character lease granted character={} lease={} server={}", characterId, lease.leaseId(), serverId);
        }
        return new Granted(lease, resumed, reads.internal(characterId).orElseThrow(CharacterNotFoundException::new),
                items.held(characterId));
    }

    /**
     * Extends the leases {@code leaseIds} that {@code serverId} still holds (expired ones too, while
     * nobody took them) and tells which it lost and which another server asks for.
     */
    @Transactional
    Renewal renew(String serverId, List<Long> leaseIds) {
        Set<Long> renewed = new HashSet<>();
        if (!leaseIds.isEmpty()) {
            renewed.addAll(jdbc.sql("""
                    UPDATE character_leases SET expires_at = now() + ? * interval '1 millisecond'
                    WHERE server_id = ? AND lease_id = ANY(?) RETURNING lease_id""")
                    .params(properties.ttl().toMillis(), serverId, leaseIds.toArray(Long[]::new))
                    .query(Long.class).list());
        }
        List<Long> lost = new ArrayList<>();
        for (Long id : leaseIds) {
            if (!renewed.contains(id)) {
                lost.add(id);
            }
        }
        List<Long> handover = jdbc.sql("""
                SELECT lease_id FROM character_leases WHERE server_id = ? AND handover_requested_at IS NOT NULL""")
                .param(serverId).query(Long.class).list();
        // The sweep behind the event (sessionsEnded): a ban or a session's end that committed while a grant of
        // the same character was between its check and its commit found no lease to mark; the holder's next
        // poll finds it here. A session id that is no refresh-token family (tools, tests) is never revoked.
        jdbc.sql("""
                UPDATE character_leases l SET kick_requested_at = now(),
                    kick_reason = CASE WHEN a.banned_until > now() THEN 'BANNED' ELSE 'SESSION_REVOKED' END
                FROM characters c JOIN accounts a ON a.id = c.account_id
                WHERE l.server_id = ? AND c.id = l.character_id AND l.kick_requested_at IS NULL
                  AND (a.banned_until > now() OR EXISTS (SELECT 1 FROM refresh_tokens r
                       WHERE r.revoked_at IS NOT NULL AND r.family_id = CASE
                           WHEN l.session_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                           THEN CAST(l.session_id AS uuid) END))""").param(serverId).update();
        List<Leases.Removal> removed = jdbc.sql("""
                SELECT lease_id, coalesce(kick_reason, 'KICKED') AS code FROM character_leases
                WHERE server_id = ? AND kick_requested_at IS NOT NULL""")
                .param(serverId).query((row, n) -> new Leases.Removal(row.getLong("lease_id"), row.getString("code"))).list();
        List<Long> unstuck = jdbc.sql("""
                UPDATE character_leases SET unstuck_requested_at = NULL
                WHERE server_id = ? AND unstuck_requested_at IS NOT NULL RETURNING lease_id""")
                .param(serverId).query(Long.class).list(); // told once
        Instant expires = jdbc.sql("SELECT now() + ? * interval '1 millisecond'").param(properties.ttl().toMillis())
                .query(OffsetDateTime.class).single().toInstant();
        return new Renewal(expires, lost, handover, removed, unstuck);
    }

    /** Asks the map server holding the character to put it on its spawn point; the holder's id, or empty when none. */
    @Transactional
    Optional<String> unstuck(long characterId) {
        return jdbc.sql("""
                UPDATE character_leases SET unstuck_requested_at = now()
                WHERE character_id = ? AND expires_at > now() RETURNING server_id""")
                .param(characterId).query(String.class).optional();
    }

    /**
     * Asks the map servers holding {@code accountId}'s characters to remove them ({@code KICKED}, saved):
     * they learn it at their next poll, within a second. Returns how many characters are in the world.
     */
    @Transactional
    int kick(long accountId) {
        return jdbc.sql("""
                UPDATE character_leases SET kick_requested_at = now(),
                    kick_reason = CASE WHEN kick_requested_at IS NOT NULL AND kick_reason = 'BANNED' THEN kick_reason ELSE 'KICKED' END
                WHERE expires_at > now() AND character_id IN (SELECT id FROM characters WHERE account_id = ?)""")
                .param(accountId).update();
    }

    /**
     * A login session ended, or all of an account's did (a ban): the map servers holding characters
     * that entered with it remove them ({@code BANNED} or {@code SESSION_REVOKED}, saved), learning it at
     * their next poll, within a second. Runs in the transaction that ended the session.
     */
    @EventListener
    void sessionsEnded(SessionsEnded ended) {
        String code = ended.banned() ? Leases.Removal.BANNED : Leases.Removal.SESSION_REVOKED;
        int removed = remove(ended.accountId(), ended.sessionId(), code);
        if (removed > 0) {
            log.info("Characters asked to leave the world user={} session={} code={} characters={}", ended.accountId(),
                    ended.sessionId() == null ? "all" : ended.sessionId(), code, removed);
        }
    }

    /**
     * Marks the leases of {@code accountId}'s characters (entered with {@code sessionId}, or any) for removal,
     * lapsed ones too: their holder may still renew them (after an outage longer than the TTL). A ban's mark
     * is never weakened into another.
     */
    private int remove(long accountId, String sessionId, String code) {
        return jdbc.sql("""
                UPDATE character_leases SET kick_requested_at = now(),
                    kick_reason = CASE WHEN kick_requested_at IS NOT NULL AND kick_reason = 'BANNED' THEN kick_reason ELSE :code END
                WHERE (CAST(:session AS text) IS NULL OR session_id = :session)
                  AND character_id IN (SELECT id FROM characters WHERE account_id = :account)""")
                .param("code", code).param("session", sessionId).param("account", accountId).update();
    }

    /** Refuses a character whose account is banned, or a ticket of a login session that has ended. */
    private void refuseEndedEntry(long characterId, String sessionId) {
        boolean banned = jdbc.sql("""
                SELECT coalesce(a.banned_until > now(), false) FROM accounts a JOIN characters c ON c.account_id = a.id
                WHERE c.id = ?""").param(characterId).query(Boolean.class).optional().orElse(false);
        if (banned) {
            throw new AccountBannedException();
        }
        if (sessionId != null && sessions.hasEnded(sessionId)) {
            throw new SessionEndedException();
        }
    }

    /**
     * For a change made while the character is not in the world (its row locked by the caller): 409
     * {@code CHARACTER_IN_WORLD} {server_id} while a live lease holds it; a lapsed lease is deleted.
     */
    void takeAwayLapsed(long characterId) {
        Optional<String> live = jdbc.sql("SELECT server_id FROM character_leases WHERE character_id = ? AND expires_at > now() FOR UPDATE")
                .param(characterId).query(String.class).optional();
        if (live.isPresent()) {
            ApiException inWorld = new ApiException(HttpStatus.CONFLICT, "CHARACTER_IN_WORLD",
                    "The character is in the world on " + live.get() + ": kick the player first");
            inWorld.properties().put("server_id", live.get());
            throw inWorld;
        }
        int lapsed = jdbc.sql("DELETE FROM character_leases WHERE character_id = ?").param(characterId).update();
        if (lapsed > 0) {
            log.info("A lapsed lease was taken away for a staff item change character={}", characterId);
        }
    }

    /** Releases a lease its holder no longer needs (the player never entered); nothing if not held. */
    @Transactional
    void release(long characterId, long leaseId) {
        lockCharacter(characterId);
        int released = jdbc.sql("DELETE FROM character_leases WHERE character_id = ? AND lease_id = ?")
                .params(characterId, leaseId).update();
        if (released > 0) {
            log.debug("Character lease released character={} lease={}", characterId, leaseId);
        }
    }

    /**
     * Within a state write (the character's row already locked): refuses unless {@code leaseId} is
     * the character's lease, then releases it or extends it. Returns the holder's server id.
     */
    String checkForWrite(long characterId, long leaseId, boolean release) {
        Optional<Held> held = held(characterId);
        if (held.isEmpty() || held.get().leaseId() != leaseId) {
            throw new LeaseLostException(held.map(Held::serverId).orElse(null));
        }
        if (release) {
            jdbc.sql("DELETE FROM character_leases WHERE character_id = ?").param(characterId).update();
        } else {
            jdbc.sql("UPDATE character_leases SET expires_at = now() + ? * interval '1 millisecond' WHERE character_id = ?")
                    .params(properties.ttl().toMillis(), characterId).update();
        }
        return held.get().serverId();
    }

    /** Locks the character's row (the first lock of every lease operation); its saved map. */
    int lockCharacter(long characterId) {
        return jdbc.sql("SELECT map_id FROM characters WHERE id = ? FOR UPDATE").param(characterId)
                .query(Integer.class).optional().orElseThrow(CharacterNotFoundException::new);
    }

    /** The character's stored version and its lease as it stands (a holder's read-back after a doubtful write). */
    Leases.Holding holding(long characterId) {
        return jdbc.sql("""
                SELECT c.version, l.lease_id, l.server_id, l.expires_at, coalesce(l.expires_at > now(), false) AS live
                FROM characters c LEFT JOIN character_leases l ON l.character_id = c.id
                WHERE c.id = ?""").param(characterId)
                .query((row, n) -> {
                    Timestamp expires = row.getTimestamp("expires_at");
                    return new Leases.Holding(String.valueOf(characterId), row.getLong("version"),
                            expires == null ? null : row.getLong("lease_id"), row.getString("server_id"),
                            expires == null ? null : expires.toInstant(), row.getBoolean("live"));
                })
                .optional().orElseThrow(CharacterNotFoundException::new);
    }

    /** The server holding a live lease on the character, if any (the gateway's check). */
    Optional<String> holder(long characterId) {
        return jdbc.sql("SELECT server_id FROM character_leases WHERE character_id = ? AND expires_at > now()")
                .param(characterId).query(String.class).optional();
    }

    private Optional<Held> held(long characterId) {
        return jdbc.sql("""
                SELECT lease_id, server_id, expires_at > now() AS live FROM character_leases
                WHERE character_id = ? FOR UPDATE""").param(characterId)
                .query((row, n) -> new Held(row.getLong("lease_id"), row.getString("server_id"), row.getBoolean("live")))
                .optional();
    }

    @Scheduled(fixedDelayString = "${auth.leases.cleanup-interval:10m}", initialDelayString = "${auth.leases.cleanup-interval:10m}")
    void purgeUsedTickets() {
        int purged = jdbc.sql("DELETE FROM used_map_tickets WHERE used_at < now() - ? * interval '1 millisecond'")
                .param(properties.usedTicketRetention().toMillis()).update();
        if (purged > 0) {
            log.info("Used map tickets purged count={}", purged);
        }
    }
}
