package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * KryoNet's handshake: RegisterTCP (a random id) was sent, and only a RegisterUDP datagram carrying
 * that id, from the TCP peer's own IP, binds a UDP address and moves the connection on to its ticket.
 * A game message now breaks the protocol, as it does for KryoNet's own server.
 */
final class AwaitingUdpPhase implements ConnectionPhase {

    private final ConnectionTable table;
    private final Bouncer bouncer;
    private final ConnectionPhase next;
    private final BooleanSupplier draining;

    AwaitingUdpPhase(ConnectionTable table, Bouncer bouncer, ConnectionPhase next, BooleanSupplier draining) {
        this.table = table;
        this.bouncer = bouncer;
        this.next = next;
        this.draining = draining;
    }

    @Override
    public Stage stage() {
        return Stage.AWAITING_UDP;
    }

    @Override
    public boolean awaitingLogin() {
        return true;
    }

    @Override
    public void message(ClientLink link, ClientMessage message, boolean tcp) {
        bouncer.hostile(link, "protocol_violation"); // KryoNet's server closes these too
    }

    @Override
    public void undecodable(ClientLink link) {
        bouncer.hostile(link, "decode_error");
    }

    /** A RegisterUDP datagram from an address bound to no connection. */
    void registerUdp(InetSocketAddress sender, RegisterUdp register) {
        ClientLink link = table.awaitingUdp(register.connectionId());
        if (link == null || link.phase != this || link.closing()) {
            bouncer.dropDatagram("udp_register_unknown");
            return;
        }
        if (!link.remoteIp.equals(sender.getAddress())) {
            bouncer.dropDatagram("udp_register_foreign");
            return;
        }
        table.bindUdp(link, sender);
        table.enter(link, next);
        link.sendNow(new RegisterUdp(0));
        if (draining.getAsBoolean()) {
            bouncer.refuse(link, "SERVER_DRAINING", "This map server is shutting down", "draining");
        }
    }
}
