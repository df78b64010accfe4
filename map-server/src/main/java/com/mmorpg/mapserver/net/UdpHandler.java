package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The game port's datagrams. One from an address bound to a connection is that connection's
 * message; one from anywhere else is read only if its first byte says RegisterUDP, and binds only
 * as the {@link AwaitingUdpPhase} allows. Everything else is dropped and counted, never logged.
 */
@Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final ConnectionTable table;
    private final ConnectionGate gate;
    private final Bouncer bouncer;
    private final InboundDecoder decoder;
    private final InboundTraffic traffic;
    private final NetObserver observer;

    UdpHandler(ConnectionTable table, ConnectionGate gate, Bouncer bouncer, InboundDecoder decoder, InboundTraffic traffic,
            NetObserver observer) {
        this.table = table;
        this.gate = gate;
        this.bouncer = bouncer;
        this.decoder = decoder;
        this.traffic = traffic;
        this.observer = observer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        ClientLink link = table.boundTo(sender);
        if (link == null) {
            if (!InboundDecoder.mayBeRegisterUdp(content)) {
                bouncer.dropDatagram("udp_unbound");
            } else if (decode(content) instanceof RegisterUdp register) {
                gate.registerUdp(sender, register);
            }
            return;
        }
        Object message = length <= Protocol.MAX_CLIENT_MESSAGE_BYTES ? decode(content) : null;
        if (message == null) {
            gate.undecodable(link, false);
            return;
        }
        traffic.received(length);
        gate.received(link, message, false);
    }

    /** The datagram's message, or null when it does not decode (counted as {@code udp_undecodable}). */
    private Object decode(ByteBuf content) {
        try {
            return decoder.decode(content, content.readerIndex(), content.readableBytes());
        } catch (ProtocolException e) {
            bouncer.dropDatagram("udp_undecodable");
            return null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like: the datagram socket stays open
        observer.datagramDropped("udp_error");
    }
}
