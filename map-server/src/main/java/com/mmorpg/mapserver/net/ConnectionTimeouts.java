package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every 250 ms on the event loop: the auth timeout, KryoNet's 12 s read timeout and 8 s keep-alive.
 * One pass over the connections, cheaper than a timer per connection.
 */
final class ConnectionTimeouts {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    /** KryoNet's peers send a TCP keep-alive after 8 s without writing and give up after 12 s without reading. */
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(8);
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(12);

    private final ConnectionTable table;
    private final Bouncer bouncer;
    private final long authTimeoutNanos;

    ConnectionTimeouts(ConnectionTable table, Bouncer bouncer, long authTimeoutNanos) {
        this.table = table;
        this.bouncer = bouncer;
        this.authTimeoutNanos = authTimeoutNanos;
    }

    void sweep(long now) {
        List<ClientLink> links = table.all();
        for (int i = 0; i < links.size(); i++) {
            ClientLink link = links.get(i);
            if (link.closing()) {
                continue;
            }
            if (link.phase.awaitingLogin() && now - link.acceptedNanos > authTimeoutNanos) {
                bouncer.refuse(link, "AUTH_TIMEOUT", "No Authenticate within " + TimeUnit.NANOSECONDS.toMillis(authTimeoutNanos)
                        + " ms", "auth_timeout");
            } else if (now - link.lastReadNanos > TIMEOUT_NANOS) {
                log.info("Connection timed out link={} character={}", link.linkId(), link.characterId);
                link.abort("timeout");
            } else if (now - link.lastTcpWriteNanos > KEEP_ALIVE_NANOS) {
                link.sendNow(KeepAlive.INSTANCE);
            }
        }
    }
}
