package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Rejected;
import com.mmorpg.mapserver.net.InboundGuard.Verdict;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What bad input costs a connection, on the event loop: a counted drop, a strike, a refused login or
 * a close, each counted by reason ({@link NetObserver}) and in the edge's one-line-a-minute summary
 * ({@link EdgeSummary}); hostile traffic is never logged packet by packet. Every connection phase
 * punishes through it, so the reasons stay the same whatever phase saw the input.
 */
final class Bouncer {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final NetObserver observer;
    private final EdgeSummary summary;

    Bouncer(NetObserver observer, EdgeSummary summary) {
        this.observer = observer;
        this.summary = summary;
    }

    /** A new connection over a cap on pending ones: closed before it becomes a link. */
    void turnAway(Channel channel) {
        observer.disconnected("pending_cap");
        summary.count("pending_cap");
        channel.close();
    }

    /** Closes at once, counted and summarized, never logged one by one. */
    void hostile(ClientLink link, String reason) {
        summary.count(reason);
        link.abort(reason);
    }

    /** A login refused: {@code Rejected {code}} after what was queued, then the close. */
    void refuse(ClientLink link, String code, String message, String reason) {
        observer.loginRejected(code);
        summary.count(reason);
        log.debug("Connection refused link={} character={} code={}", link.linkId(), link.characterId, code);
        link.closeAfterQueued(reason, new Rejected(code, message));
    }

    /** An unexpected message: counted; over TCP it costs a strike, and a burst of them disconnects. */
    void strike(ClientLink link, String reason, boolean tcp) {
        observer.inputDropped(reason);
        if (tcp && link.guard.strike() == Verdict.DISCONNECT) {
            log.warn("Disconnecting client sending unexpected messages link={} character={}", link.linkId(), link.characterId);
            link.closeAfterQueued("protocol_violation", new Rejected("PROTOCOL_VIOLATION", "Unexpected messages"));
        }
    }

    /**
     * What a {@link Verdict} on a message means for {@code link}; true when the message may be acted
     * on. Only what arrived over TCP can disconnect it: anyone can send datagrams from a player's
     * address and port, so a flood or garbage over UDP is dropped and counted ({@code udp_flood}),
     * never the player's end.
     */
    boolean admitted(ClientLink link, Verdict verdict, boolean tcp) {
        switch (verdict) {
            case ACCEPT -> {
                return true;
            }
            case DROP -> observer.inputDropped("rate_limited");
            case DISCONNECT -> {
                if (tcp) {
                    flooding(link);
                } else {
                    observer.inputDropped("udp_flood");
                }
            }
        }
        return false;
    }

    void dropDatagram(String reason) {
        observer.datagramDropped(reason);
        summary.count(reason);
    }

    private void flooding(ClientLink link) {
        log.warn("Disconnecting flooding client link={} character={}", link.linkId(), link.characterId);
        summary.count("flooding");
        link.closeAfterQueued("flooding", new Rejected("FLOODING", "Too many messages"));
    }
}
