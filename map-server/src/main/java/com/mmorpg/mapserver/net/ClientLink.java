package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryonet.Connection;
import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.ServerMessage;
import com.mmorpg.mapserver.sim.PlayerLink;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One KryoNet connection seen as a player: its login state, its limits, and how to reach it.
 * Messages go through the {@link OutboundQueue}, so neither the tick thread nor KryoNet's thread
 * ever serializes or writes to a socket for it.
 */
final class ClientLink implements PlayerLink, OutboundQueue.Sink {

    /** Time for a final Rejected to leave the socket before it is closed. */
    static final long CLOSE_LINGER_MILLIS = 250;

    enum Stage { AWAITING_TICKET, LOADING, IN_WORLD, CLOSED }

    private final Connection connection;
    private final OutboundQueue outbound;
    private final ScheduledExecutorService timers;
    final InboundGuard guard;
    volatile Stage stage = Stage.AWAITING_TICKET;
    /** Handed to the world: its disconnect must reach the world too. */
    volatile boolean joined;
    volatile String characterId;

    ClientLink(Connection connection, int tickRate, OutboundQueue outbound, ScheduledExecutorService timers) {
        this.connection = connection;
        this.outbound = outbound;
        this.timers = timers;
        this.guard = new InboundGuard(tickRate);
    }

    @Override
    public int linkId() {
        return connection.getID();
    }

    @Override
    public void sendReliable(ServerMessage message) {
        if (stage != Stage.CLOSED) {
            outbound.send(this, message, true);
        }
    }

    @Override
    public void sendUnreliable(ServerMessage message) {
        if (stage != Stage.CLOSED) {
            outbound.send(this, message, false);
        }
    }

    @Override
    public boolean isOpen() {
        return stage != Stage.CLOSED && connection.isConnected();
    }

    @Override
    public void close(Rejected reason) {
        if (stage == Stage.CLOSED) {
            return;
        }
        stage = Stage.CLOSED;
        outbound.close(this, reason);
    }

    /** On the sender thread. */
    @Override
    public void deliver(ServerMessage message, boolean reliable) {
        if (reliable || connection.getRemoteAddressUDP() == null) {
            connection.sendTCP(message); // also when the client never registered UDP: deliver anyway
        } else {
            connection.sendUDP(message);
        }
    }

    /** On the sender thread: closes once the last message had time to leave. */
    @Override
    public void disconnect() {
        timers.schedule(connection::close, CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "link-" + linkId();
    }
}
