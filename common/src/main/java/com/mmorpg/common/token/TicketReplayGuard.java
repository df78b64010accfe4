package com.mmorpg.common.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes map tickets single use: remembers every accepted {@code jti} until its ticket would have
 * expired anyway, so memory stays bounded by the tickets issued in one ticket lifetime.
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
                return false; // under a flood of valid tickets, refuse rather than forget
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
