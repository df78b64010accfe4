package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.protocol.KryoNetControl;
import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * Who may talk to the world, on the network's event loop (so none of this needs a lock). A
 * connection walks KryoNet's handshake and then our login, one {@link ConnectionPhase} after the
 * other: {@link AwaitingUdpPhase} → {@link AwaitingTicketPhase} → {@link LoadingPhase} → {@link
 * InWorldPhase} → {@link ClosedPhase}. The gate takes each connection's events from the network
 * handlers: it opens and closes links, answers KryoNet's own frames the same way in every phase,
 * bounds what a connection may send before the world ({@link #MAX_MESSAGES_BEFORE_WORLD}), and hands
 * the game's messages to the link's current phase.
 */
final class ConnectionGate {

    /** RegisterUDP retries, Authenticate, keep-alives, pings: an honest client needs far fewer. */
    static final int MAX_MESSAGES_BEFORE_WORLD = 64;

    private final ConnectionTable table;
    private final Bouncer bouncer;
    private final NetObserver observer;
    private final World world;
    private final AwaitingUdpPhase awaitingUdp;
    private final ClosedPhase closed;
    private volatile boolean draining;

    ConnectionGate(TicketCheck tickets, LeaseKeeper characters, World world, NetObserver observer, ConnectionTable table,
            Bouncer bouncer, Executor loop) {
        this.table = table;
        this.bouncer = bouncer;
        this.observer = observer;
        this.world = world;
        InWorldPhase inWorld = new InWorldPhase(world, bouncer, observer);
        LoadingPhase loading = new LoadingPhase(characters, world, tickets.mapId(), table, bouncer, observer, inWorld, loop);
        AwaitingTicketPhase awaitingTicket = new AwaitingTicketPhase(tickets, bouncer, loading, this::draining);
        this.awaitingUdp = new AwaitingUdpPhase(table, bouncer, awaitingTicket, this::draining);
        this.closed = new ClosedPhase(bouncer);
    }

    void startDraining() {
        draining = true;
    }

    private boolean draining() {
        return draining;
    }

    /** A TCP connection was accepted. Returns its link, or null when it was closed at once (over a cap). */
    ClientLink accepted(Channel channel) {
        ClientLink link = table.open(channel, awaitingUdp, System.nanoTime());
        if (link == null) {
            bouncer.turnAway(channel);
            return null;
        }
        link.sendNow(new KryoNetControl.RegisterTcp(link.connectionId));
        return link;
    }

    /** A RegisterUDP datagram from an address bound to no connection. */
    void registerUdp(InetSocketAddress sender, RegisterUdp register) {
        awaitingUdp.registerUdp(sender, register);
    }

    /** A message from {@code link}, over TCP or (already matched to its address) UDP. */
    void received(ClientLink link, Object message, boolean tcp) {
        if (link.closing()) {
            return;
        }
        if (tcp) {
            link.lastReadNanos = System.nanoTime();
        }
        if (!link.phase.inWorld() && ++link.messagesBeforeWorld > MAX_MESSAGES_BEFORE_WORLD) {
            bouncer.hostile(link, "flooding");
            return;
        }
        switch (message) {
            case KeepAlive keepAlive -> control(link, tcp);
            case RegisterUdp again -> control(link, tcp); // KryoNet clients repeat it every 100 ms until the reply arrives
            case Ping ping -> {
                if (control(link, tcp) && tcp && !ping.reply()) {
                    // answered once per read of this connection (readComplete), with the newest id: the
                    // only one KryoNet's client times (Connection: ping.id == lastPingID - 1)
                    link.pingToAnswer = ping.id();
                    link.pingDue = true;
                }
            }
            case KryoNetControl other -> bouncer.strike(link, "unexpected_message", tcp);
            case ClientMessage client -> {
                if (!tcp && !link.phase.inWorld()) { // a datagram before the world: nothing a client sends then
                    observer.inputDropped("udp_unexpected");
                } else {
                    link.phase.message(link, client, tcp);
                }
            }
            default -> bouncer.strike(link, "unexpected_message", tcp);
        }
    }

    /**
     * A KryoNet frame in the world counts against the connection's allowance like any message (before
     * the world, {@link #MAX_MESSAGES_BEFORE_WORLD} bounds it); true when it may be acted on.
     */
    private boolean control(ClientLink link, boolean tcp) {
        if (!link.phase.inWorld()) {
            return true;
        }
        return bouncer.admitted(link, link.guard.control(System.nanoTime()), tcp);
    }

    /** The connection's reads so far are handled: a Ping among them is answered now, in one write. */
    void readComplete(ClientLink link) {
        if (link.pingDue) {
            link.pingDue = false;
            if (!link.closing()) {
                link.sendNow(new Ping(link.pingToAnswer, true));
            }
        }
    }

    /**
     * Bytes that do not decode: before the world, the connection goes at once; in it, after a few. A
     * datagram that does not decode is only counted: anyone can send one from a player's address.
     */
    void undecodable(ClientLink link, boolean tcp) {
        observer.inputDropped("undecodable");
        if (tcp) {
            link.phase.undecodable(link);
        }
    }

    /** The TCP connection closed, for whatever reason; on the event loop. */
    void closed(ClientLink link) {
        observer.disconnected(link.closeReason());
        link.discardPending();
        table.remove(link, closed);
        if (link.joined) {
            // also when the server closed it (flooding, replaced): the world ignores links it no longer knows
            world.submit(new Command.Leave(link));
        }
    }
}
