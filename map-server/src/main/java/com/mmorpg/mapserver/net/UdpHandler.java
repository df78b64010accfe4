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
 * as the {@link ConnectionGate} allows. Everything else is dropped and counted, never logged.
 */
@Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final MapNetwork network;

    UdpHandler(MapNetwork network) {
        this.network = network;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        ConnectionGate gate = network.gate();
        ClientLink link = gate.udpSender(sender);
        if (link == null) {
            if (!InboundDecoder.mayBeRegisterUdp(content)) {
                gate.dropDatagram("udp_unbound");
            } else if (decode(gate, content) instanceof RegisterUdp register) {
                gate.registerUdp(sender, register);
            }
            return;
        }
        Object message = length <= Protocol.MAX_CLIENT_MESSAGE_BYTES ? decode(gate, content) : null;
        if (message == null) {
            gate.undecodable(link, false);
            return;
        }
        network.received(length);
        gate.received(link, message, false);
    }

    /** The datagram's message, or null when it does not decode (counted as {@code udp_undecodable}). */
    private Object decode(ConnectionGate gate, ByteBuf content) {
        try {
            return network.decoder().decode(content, content.readerIndex(), content.readableBytes());
        } catch (ProtocolException e) {
            gate.dropDatagram("udp_undecodable");
            return null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like: the datagram socket stays open
        network.observer().datagramDropped("udp_error");
    }
}
