package com.mmorpg.mapserver.net;


import com.esotericsoftware.kryonet.Client;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.KryoSerialization;
import com.esotericsoftware.kryonet.Listener;
import com.mmorpg.protocol.Protocol;
import com.mmorpg.protocol.ServerMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real KryoNet client on loopback, recording every message the map server sends it. */
final class KryoTestClient implements AutoCloseable {

    final Client client;
    final List<ServerMessage> received = new CopyOnWriteArrayList<>();
    volatile boolean disconnected;
    /** KryoNet Ping replies received (the answers to {@code client.updateReturnTripTime()}). */
    final java.util.concurrent.atomic.AtomicInteger pingReplies = new java.util.concurrent.atomic.AtomicInteger();

    KryoTestClient(int port) throws IOException {
        KryoSerialization serialization = new KryoSerialization(Protocol.newKryo());
        client = new Client(64 * 1024, 16 * 1024, serialization);
        client.addListener(new Listener() {
            @Override
            public void received(Connection connection, Object object) {
                if (object instanceof ServerMessage message) {
                    received.add(message);
                } else if (object instanceof FrameworkMessage.Ping ping && ping.isReply) {
                    pingReplies.incrementAndGet();
                } else if (!(object instanceof FrameworkMessage)) {
                    throw new AssertionError("unexpected " + object);
                }
            }

            @Override
            public void disconnected(Connection connection) {
                disconnected = true;
            }
        });
        client.start();
        client.connect(5_000, InetAddress.getLoopbackAddress(), port, port);
    }

    <T extends ServerMessage> List<T> all(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ServerMessage> T await(Class<T> type) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !all(type).isEmpty());
        return all(type).getFirst();
    }

    void awaitDisconnected() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> disconnected);
    }

    @Override
    public void close() {
        client.stop();
    }
}
