package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;
import com.mmorpg.mapserver.sim.PlayerLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One client connection seen as a player: its TCP channel, the UDP address bound to it, its login
 * phase ({@link ConnectionPhase}), its limits. Everything but the {@link PlayerLink} methods and {@link #characterId} is
 * touched on the network's event loop only. Messages from the world go through the {@link
 * OutboundQueue}, so the tick thread never encodes or writes.
 */
final class ClientLink implements PlayerLink, OutboundQueue.Sink {

    /** Time for a final Rejected to be read before the socket closes. */
    static final long CLOSE_LINGER_MILLIS = 250;

    private final int linkId;
    /** The id KryoNet's handshake carries: random, so nobody can guess another connection's. */
    final int connectionId;
    private final Channel channel;
    final InetAddress remoteIp;
    private final OutboundQueue outbound;
    private final PacketWriter writer;
    final InboundGuard guard;
    final long acceptedNanos;
    /** Where the connection is in its handshake and login; swapped by the phases themselves. */
    ConnectionPhase phase;
    InetSocketAddress udpAddress;
    long lastReadNanos;
    long lastTcpWriteNanos;
    /** Messages received before entering the world (a handful are enough for any honest client). */
    int messagesBeforeWorld;
    /** Counted against the caps on connections whose ticket is not yet accepted. */
    boolean countedPending;
    /** Written since the last flush. */
    boolean touched;
    /** Frames written since the last flush, sent as one buffer (event loop only). */
    ByteBuf pendingTcp;
    /** A Ping read since the connection's last read completed, to be answered with this id (event loop only). */
    boolean pingDue;
    int pingToAnswer;
    /** Handed to the world: its disconnect must reach the world too. */
    boolean joined;
    volatile String characterId;
    private volatile boolean closing;
    private volatile String closeReason;

    ClientLink(int linkId, int connectionId, Channel channel, OutboundQueue outbound, PacketWriter writer, int tickRate,
            long nowNanos, ConnectionPhase first) {
        this.linkId = linkId;
        this.connectionId = connectionId;
        this.channel = channel;
        this.remoteIp = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        this.outbound = outbound;
        this.writer = writer;
        this.guard = new InboundGuard(tickRate);
        this.acceptedNanos = nowNanos;
        this.lastReadNanos = nowNanos;
        this.lastTcpWriteNanos = nowNanos;
        this.phase = first;
    }

    Channel channel() {
        return channel;
    }

    boolean closing() {
        return closing;
    }

    /** Why the connection ended, as counted; {@code client_closed} when the server did not end it. */
    String closeReason() {
        String reason = closeReason;
        return reason == null ? "client_closed" : reason;
    }

    @Override
    public int linkId() {
        return linkId;
    }

    @Override
    public void sendReliable(ServerMessage message) {
        if (!closing) {
            outbound.send(this, message, true);
        }
    }

    @Override
    public void sendUnreliable(ServerMessage message) {
        if (!closing) {
            outbound.send(this, message, false);
        }
    }

    @Override
    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    /** The world ends the connection (session replaced, map transfer, shutdown): after what it sent before. */
    @Override
    public void close(Rejected reason) {
        closeAfterQueued("server_closed", reason);
    }

    /** Sends {@code rejected} after everything queued, then closes; {@code reason} is what gets counted. */
    void closeAfterQueued(String reason, Rejected rejected) {
        if (closing) {
            return;
        }
        closeReason = reason;
        closing = true;
        outbound.close(this, rejected);
    }

    /** Closes at once, dropping whatever is queued (hostile or broken clients). On the event loop. */
    void abort(String reason) {
        if (!closing || closeReason == null) { // a close already under way keeps its reason
            closeReason = reason;
        }
        closing = true;
        channel.close();
    }

    /** On the event loop, from the {@link OutboundQueue}. */
    @Override
    public void deliver(ServerMessage message, boolean reliable) {
        if (!channel.isActive()) {
            return;
        }
        if (reliable || udpAddress == null) {
            writeTcp(message);
        } else {
            writer.writeUdp(udpAddress, message);
        }
    }

    /** Writes a framed message, sent at the next flush; on the event loop. */
    void writeTcp(Object message) {
        if (writer.writeTcp(this, message)) {
            lastTcpWriteNanos = System.nanoTime();
        }
    }

    /** Writes a framed message and sends it with whatever waits; on the event loop. */
    void sendNow(Object message) {
        writeTcp(message);
        writer.flush(this);
    }

    /** The connection is gone: what was still waiting to be sent is freed. */
    void discardPending() {
        if (pendingTcp != null) {
            pendingTcp.release();
            pendingTcp = null;
        }
    }

    /**
     * On the event loop, from the {@link OutboundQueue}: after what was written before. The write
     * side is shut first and the socket closed a moment later: closing at once while the client is
     * still sending would answer its data with a reset, and a reset discards the final Rejected
     * from the client's receive buffer before it is read. What arrives meanwhile is discarded.
     */
    @Override
    public void disconnect() {
        closing = true;
        writer.flush(this);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
            }
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public String toString() {
        return "link-" + linkId;
    }
}
