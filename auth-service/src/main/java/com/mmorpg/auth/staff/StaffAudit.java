package com.mmorpg.auth.staff;

import com.mmorpg.auth.token.Staff;
import com.mmorpg.service.audit.OnceAWhile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every staff action, written where it happens (in the same transaction as the action when it has
 * one): who, what, on whom, when, from where. Shown in the console; never deleted by the service.
 */
@Service
public class StaffAudit {

    private static final Logger log = LoggerFactory.getLogger(StaffAudit.class);

    /** One action. {@code target}: an account or character id, or a server id; {@code detail}: the reason, the new role... */
    public record Entry(long id, Instant at, long actorId, String actorName, String action, String target, String detail,
            String address) {
    }

    /**
     * Reads written lately ({@link #recordRead}): a console redraws what it shows after every action, and
     * one line per redraw would bury the actions themselves.
     */
    private final OnceAWhile recentReads = new OnceAWhile(Duration.ofMinutes(5), 10_000);
    private final JdbcClient jdbc;

    StaffAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Staff actor, String action, String target, String detail, String address) {
        record(actor.accountId(), actor.username(), action, target, detail, address);
    }

    /**
     * A staff member's read (a player lookup): written like an action, but the same read by the same
     * member from the same address again within five minutes is not written again.
     */
    public void recordRead(Staff actor, String action, String target, String detail, String address) {
        String key = actor.accountId() + "\n" + action + "\n" + target + "\n" + detail + "\n" + address;
        recentReads.write(key, () -> {
            record(actor, action, target, detail, address);
            return true;
        });
    }

    void record(long actorId, String actorName, String action, String target, String detail, String address) {
        jdbc.sql("""
                        INSERT INTO staff_audit (actor_id, actor_name, action, target, detail, address)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(actorId, clip(actorName, 20), clip(action, 32), clip(target, 64), clip(detail, 300), clip(address, 64))
                .update();
        log.atInfo().addKeyValue("user_id", actorId)
                .log("Staff action user={} action={} target={}", actorId, action, clip(target, 64));
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor_id, actor_name, action, target, detail, address FROM staff_audit
                        ORDER BY at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((row, number) -> new Entry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getLong("actor_id"),
                        row.getString("actor_name"), row.getString("action"), row.getString("target"), row.getString("detail"),
                        row.getString("address")))
                .list();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
