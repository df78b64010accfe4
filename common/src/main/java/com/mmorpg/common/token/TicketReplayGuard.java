package com.mmorpg.common.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cheap first check that a map ticket is not replayed: remembers accepted {@code jti}s until their
 * ticket would have expired anyway, so memory stays bounded. The authority is auth-service, which
 * consumes a ticket's {@code jti} when it grants the character's lease (single use across every map
 * server and restart); so when this guard is full it forgets rather than refuse valid logins.
 */
public final class TicketReplayGuard {

    private final Map<String, Instant> accepted = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxRemembered;

    public TicketReplayGuard(Clock clock, int maxRemembered) {
        this.clock = clock;
        this.maxRemembered = maxRemembered;
    }

    /** True the first time a ticket's {@code jti} is presented, false on every replay. */
    public boolean firstUse(MapTicketCodec.MapTicket ticket) {
        Instant now = clock.instant();
        if (accepted.size() >= maxRemembered) {
            purgeExpired(now);
            if (accepted.size() >= maxRemembered) {
                return true; // a flood of valid tickets: not remembered here, auth-service still refuses a replay
            }
        }
        return accepted.putIfAbsent(ticket.jti(), ticket.expiresAt()) == null;
    }

    public void purgeExpired(Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = accepted.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().plusSeconds(5).isBefore(now)) {
                it.remove();
            }
        }
    }

    public int size() {
        return accepted.size();
    }
}
