package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes messages and writes them, on the event loop only: TCP frames with KryoNet's 4-byte
 * big-endian length, appended to one pooled buffer per connection; UDP datagrams bare, one pooled
 * buffer each. Nothing is flushed one by one: {@link #flush} sends everything written since the
 * last flush (a whole tick's batch), one write per connection and one for the datagram socket.
 */
final class PacketWriter {

    /** Largest message the server writes: the Java SDK's and the Godot addon's frame limit (Snapshots stay far under). */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int LENGTH_BYTES = 4;

    private final Output output = new Output(4096, MAX_MESSAGE_BYTES);
    private final List<ClientLink> touched = new ArrayList<>();
    private final NetObserver observer;
    private Channel udp;
    private boolean udpTouched;
    private long bytes;
    private long messages;

    PacketWriter(NetObserver observer) {
        this.observer = observer;
    }

    void udpChannel(Channel udp) {
        this.udp = udp;
    }

    /**
     * Appends one framed message to what {@code link} is sent at the next flush; false when it could
     * not be encoded. A player's reliable messages of a tick go out as one buffer in one write.
     */
    boolean writeTcp(ClientLink link, Object message) {
        if (!encode(message, true)) {
            return false;
        }
        ByteBuf pending = link.pendingTcp;
        if (pending == null) {
            pending = link.channel().alloc().directBuffer(Math.max(256, output.position()));
            link.pendingTcp = pending;
        }
        pending.writeBytes(output.getBuffer(), 0, output.position());
        if (!link.touched) {
            link.touched = true;
            touched.add(link);
        }
        return true;
    }

    /** Sends what was written for {@code link} now (handshake answers, keep-alives, the last words before closing). */
    void flush(ClientLink link) {
        ByteBuf pending = link.pendingTcp;
        link.pendingTcp = null;
        if (pending == null) {
            return;
        }
        if (link.channel().isActive()) {
            link.channel().writeAndFlush(pending, link.channel().voidPromise());
        } else {
            pending.release();
        }
    }

    /** Writes one datagram to {@code to}. */
    boolean writeUdp(InetSocketAddress to, Object message) {
        if (!encode(message, false)) {
            return false;
        }
        int length = output.position();
        ByteBuf datagram = udp.alloc().directBuffer(length, length);
        datagram.writeBytes(output.getBuffer(), 0, length);
        udp.write(new DatagramPacket(datagram, to), udp.voidPromise());
        udpTouched = true;
        return true;
    }

    /** Encodes into {@link #output} (with KryoNet's length first when {@code framed}); false when it cannot be. */
    private boolean encode(Object message, boolean framed) {
        output.clear();
        try {
            if (framed) {
                output.setPosition(LENGTH_BYTES);
            }
            MessageCodec.write(output, message);
        } catch (KryoException e) { // larger than any client could read: a bug, counted as a failed send
            observer.sendFailed(e);
            return false;
        }
        int length = output.position();
        if (framed) {
            byte[] bytes = output.getBuffer();
            int body = length - LENGTH_BYTES;
            bytes[0] = (byte) (body >>> 24);
            bytes[1] = (byte) (body >>> 16);
            bytes[2] = (byte) (body >>> 8);
            bytes[3] = (byte) body;
        }
        this.bytes += length;
        this.messages++;
        return true;
    }

    /** Sends what was written since the last flush: each touched connection once, the datagram socket once. */
    void flush() {
        for (int i = 0; i < touched.size(); i++) {
            ClientLink link = touched.get(i);
            link.touched = false;
            flush(link);
        }
        touched.clear();
        if (udpTouched) {
            udpTouched = false;
            udp.flush();
        }
        if (messages > 0) {
            observer.sent(bytes, messages);
            bytes = 0;
            messages = 0;
        }
    }
}
