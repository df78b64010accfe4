package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.ProtocolException;
import com.mmorpg.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * One TCP connection's pipeline: KryoNet's frames (a 4-byte big-endian length, then one message)
 * cut from the stream and handed to the {@link ConnectionGate}. A declared length outside
 * 1..{@link Protocol#MAX_CLIENT_MESSAGE_BYTES} closes the connection before anything is buffered
 * for it; a frame is decoded only once all its bytes are here, so memory follows what arrived.
 */
final class TcpConnectionHandler extends ByteToMessageDecoder {

    private final ConnectionGate gate;
    private final Bouncer bouncer;
    private final InboundDecoder decoder;
    private final InboundTraffic traffic;
    private final NetObserver observer;
    private ClientLink link;

    TcpConnectionHandler(ConnectionGate gate, Bouncer bouncer, InboundDecoder decoder, InboundTraffic traffic,
            NetObserver observer) {
        this.gate = gate;
        this.bouncer = bouncer;
        this.decoder = decoder;
        this.traffic = traffic;
        this.observer = observer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        link = gate.accepted(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (link == null || link.closing()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4 && !link.closing()) {
            int start = in.readerIndex();
            int length = in.getInt(start);
            if (length <= 0 || length > Protocol.MAX_CLIENT_MESSAGE_BYTES) {
                observer.inputDropped("frame_length");
                bouncer.hostile(link, "decode_error");
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4 + length);
            Object message;
            try {
                message = decoder.decode(in, start + 4, length);
            } catch (ProtocolException e) {
                gate.undecodable(link, true);
                continue;
            }
            traffic.received(4 + length);
            gate.received(link, message, true);
        }
        if (link.closing()) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (link != null) {
            gate.readComplete(link);
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (link != null && !ctx.channel().isWritable() && ctx.channel().isActive()) {
            // more than the high-water mark waits for a client that does not read: it goes, whole frames or nothing
            bouncer.hostile(link, "slow_reader");
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx); // decodes what is left first
        if (link != null) {
            gate.closed(link);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets and broken pipes: the connection is gone, which channelInactive counts
        if (link != null && !link.closing()) {
            link.abort("io_error");
        } else {
            ctx.close();
        }
    }
}
