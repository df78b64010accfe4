package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.KryoNetControl.RegisterTcp;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.protocol.MessageCodec;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client written against the bytes, not KryoNet: it can do what KryoNet's client never would
 * (stay silent, stop reading, send garbage) and still speak the handshake when asked to.
 */
final class RawPeer implements AutoCloseable {

    final Socket tcp;
    final DatagramSocket udp;
    private final DataInputStream in;
    private final InetSocketAddress server;

    RawPeer(int port) throws IOException {
        this(port, 0);
    }

    /** {@code receiveBuffer} > 0 shrinks the TCP receive buffer (set before connecting, so the window stays small). */
    RawPeer(int port, int receiveBuffer) throws IOException {
        this(InetAddress.getLoopbackAddress(), port, receiveBuffer);
    }

    /** From {@code local} (any 127.x.y.z works on Linux's loopback), TCP and UDP alike. */
    RawPeer(InetAddress local, int port, int receiveBuffer) throws IOException {
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        tcp = new Socket();
        if (receiveBuffer > 0) {
            tcp.setReceiveBufferSize(receiveBuffer);
        }
        tcp.bind(new InetSocketAddress(local, 0));
        tcp.connect(server, 5_000);
        in = new DataInputStream(tcp.getInputStream());
        udp = new DatagramSocket(new InetSocketAddress(local, 0));
    }

    /** One KryoNet frame: the 4-byte big-endian length, then the message. */
    static byte[] frame(Object message) {
        byte[] body = encode(message);
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    static byte[] encode(Object message) {
        Output out = new Output(256, 64 * 1024);
        MessageCodec.write(out, message);
        return out.toBytes();
    }

    void sendTcp(Object message) throws IOException {
        sendRawTcp(frame(message));
    }

    void sendRawTcp(byte[] bytes) throws IOException {
        tcp.getOutputStream().write(bytes);
        tcp.getOutputStream().flush();
    }

    void sendUdp(Object message) throws IOException {
        sendRawUdp(encode(message));
    }

    void sendRawUdp(byte[] bytes) throws IOException {
        udp.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The next TCP message, or null once the server has closed the connection. */
    Object read(Duration timeout) throws IOException {
        tcp.setSoTimeout((int) timeout.toMillis());
        try {
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            return MessageCodec.read(new Input(body));
        } catch (EOFException e) {
            return null;
        } catch (SocketException e) { // reset
            return null;
        }
    }

    /** Reads until a message of {@code type} arrives (other messages are skipped); fails on close or timeout. */
    <T> T await(Class<T> type, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Object message = read(Duration.ofMillis(left));
            if (message == null) {
                throw new IOException("closed before a " + type.getSimpleName() + " arrived");
            }
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** True when the server closes the connection within {@code timeout} (whatever it sent before). */
    boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (read(Duration.ofMillis(left)) == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true; // closed with a reset (we were still writing when the server closed): closed all the same
        }
        return false;
    }

    /** KryoNet's handshake and our login: RegisterTCP, RegisterUDP (retried until answered), Authenticate. */
    int enter(String ticket) throws IOException {
        int id = await(RegisterTcp.class, Duration.ofSeconds(5)).connectionId();
        for (int attempt = 0; attempt < 50; attempt++) {
            sendUdp(new RegisterUdp(id));
            try {
                await(RegisterUdp.class, Duration.ofMillis(100));
                sendTcp(new Authenticate(ticket));
                return id;
            } catch (SocketTimeoutException retry) {
                // the datagram or its answer is late: KryoNet's client retries every 100 ms too
            }
        }
        throw new IOException("UDP registration was never answered");
    }

    /** The next datagram the server sends to this peer's UDP socket, or null within {@code timeout}. */
    Object receiveUdp(Duration timeout) throws IOException {
        udp.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            udp.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return MessageCodec.read(new Input(buffer, 0, packet.getLength()));
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        udp.close();
    }
}
