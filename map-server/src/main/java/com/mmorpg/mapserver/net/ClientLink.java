package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryonet.Connection;
import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.ServerMessage;
import com.mmorpg.mapserver.sim.PlayerLink;

/** One KryoNet connection seen as a player: its login state, its limits, and how to reach it. */
final class ClientLink implements PlayerLink {

    enum Stage { AWAITING_TICKET, LOADING, IN_WORLD, CLOSED }

    private final Connection connection;
    final InboundGuard guard;
    final long connectedAtNanos;
    volatile Stage stage = Stage.AWAITING_TICKET;
    volatile String characterId;

    ClientLink(Connection connection, int tickRate, long connectedAtNanos) {
        this.connection = connection;
        this.guard = new InboundGuard(tickRate);
        this.connectedAtNanos = connectedAtNanos;
    }

    @Override
    public int linkId() {
        return connection.getID();
    }

    @Override
    public void sendReliable(ServerMessage message) {
        if (stage != Stage.CLOSED) {
            connection.sendTCP(message);
        }
    }

    @Override
    public void sendUnreliable(ServerMessage message) {
        if (stage == Stage.CLOSED) {
            return;
        }
        if (connection.getRemoteAddressUDP() != null) {
            connection.sendUDP(message);
        } else {
            connection.sendTCP(message); // the client never registered UDP: deliver anyway
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
        connection.sendTCP(reason);
        stage = Stage.CLOSED;
        connection.close();
    }

    @Override
    public String toString() {
        return "link-" + linkId();
    }
}
