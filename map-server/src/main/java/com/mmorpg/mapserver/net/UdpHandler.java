package com.mmorpg.mapserver.net;

import com.mmorpg.common.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.common.protocol.ProtocolException;
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
                return;
            }
            Object message;
            try {
                message = network.decoder().decode(content, content.readerIndex(), length);
            } catch (ProtocolException e) {
                gate.dropDatagram("udp_undecodable");
                return;
            }
            gate.registerUdp(sender, (RegisterUdp) message);
            return;
        }
        if (length == 0 || length > com.mmorpg.common.protocol.Protocol.MAX_CLIENT_MESSAGE_BYTES) {
            gate.dropDatagram("udp_undecodable");
            return;
        }
        Object message;
        try {
            message = network.decoder().decode(content, content.readerIndex(), length);
        } catch (ProtocolException e) {
            gate.dropDatagram("udp_undecodable");
            gate.undecodable(link);
            return;
        }
        network.received(length);
        gate.received(link, message, false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like: the datagram socket stays open
        network.observer().datagramDropped("udp_error");
    }
}
