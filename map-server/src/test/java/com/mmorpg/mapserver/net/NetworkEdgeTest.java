package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterTcp;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.Welcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The game port as an attacker meets it, each test against a real server socket on loopback:
 * nothing before login is trusted, nothing hostile is allowed to grow memory or the log, and every
 * refusal is counted.
 */
class NetworkEdgeTest {

    /** Class id of Authenticate, then a Kryo string length of 2^30 + 1. */
    private static final byte[] STRING_BOMB = {0x16, (byte) 0xC1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    private static final Duration WAIT = Duration.ofSeconds(20);

    private LoopbackMapServer map;

    @AfterEach
    void stop() {
        if (map != null) {
            map.close();
        }
    }

    @Test
    void theSixByteStringBombOverUdpOrTcpLeavesTheServerAdmittingPlayers() throws Exception {
        map = LoopbackMapServer.start(Map.of());
        try (DatagramSocket attacker = new DatagramSocket()) {
            for (int i = 0; i < 100; i++) {
                attacker.send(new DatagramPacket(STRING_BOMB, STRING_BOMB.length, InetAddress.getLoopbackAddress(), map.port()));
            }
        }
        try (RawPeer bomber = new RawPeer(map.port())) {
            bomber.await(RegisterTcp.class, WAIT);
            bomber.sendRawTcp(new byte[] {0, 0, 0, 6, 0x16, (byte) 0xC1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
            assertThat(bomber.closedWithin(WAIT)).as("the bomb over TCP closes its connection").isTrue();
        }
        try (RawPeer bomber = new RawPeer(map.port())) { // registered over UDP first, then the bomb framed over TCP
            int id = bomber.await(RegisterTcp.class, WAIT).connectionId();
            bomber.sendUdp(new RegisterUdp(id));
            bomber.await(RegisterUdp.class, WAIT);
            bomber.sendRawTcp(new byte[] {0, 0, 0, 6, 0x16, (byte) 0xC1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
            assertThat(bomber.closedWithin(WAIT)).isTrue();
        }
        await().atMost(WAIT).until(() -> map.counter("mmo_map_datagrams_dropped_total", "udp_unbound") >= 100);
        await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"decode_error\"") == 2);

        try (KryoTestClient player = map.enter("51")) {
            assertThat(player.await(Welcome.class).characterId).isEqualTo("51");
        }
        assertThat(map.ops("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aThousandSilentConnectionsAreAllClosedWithinTheAuthTimeoutAndCounted() throws Exception {
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "1s", "PENDING_PER_ADDRESS", "2000", "PENDING_TOTAL", "2000"));
        List<RawPeer> silent = new ArrayList<>();
        List<Long> connectedAt = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                silent.add(new RawPeer(map.port()));
                connectedAt.add(System.nanoTime());
            }
            await().atMost(WAIT).until(() -> map.server.network().connectionsByStage()[0] + map.counter(
                    "mmo_map_disconnects_total", "reason=\"auth_timeout\"") >= 1_000);
            long worstMillis = 0;
            for (int i = 0; i < silent.size(); i++) {
                assertThat(silent.get(i).closedWithin(WAIT)).isTrue();
                worstMillis = Math.max(worstMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAt.get(i)));
            }
            // Closed by the auth timeout (1 s), not by the 12 s read timeout that would close them anyway; the
            // bound between the two leaves a slow machine room.
            assertThat(worstMillis).as("the last silent connection closed well before the 12 s read timeout")
                    .isLessThan(10_000);
        } finally {
            for (RawPeer peer : silent) {
                peer.close();
            }
        }
        await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"auth_timeout\"") == 1_000);
        assertThat(map.counter("mmo_map_logins_total", "outcome=\"AUTH_TIMEOUT\"")).isEqualTo(1_000);
        await().atMost(WAIT).until(() -> map.server.network().connectionCount() == 0);
    }

    @Test
    void tenThousandGarbageDatagramsAreCountedAndBarelyTouchTheLog() throws Exception {
        map = LoopbackMapServer.start(Map.of());
        AtomicLong logged = new AtomicLong();
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logged.addAndGet(100 + event.getFormattedMessage().length()
                        + (event.getThrowableProxy() == null ? 0 : ThrowableProxyUtil.asString(event.getThrowableProxy()).length()));
            }
        };
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        counter.start();
        root.addAppender(counter);
        try (DatagramSocket attacker = new DatagramSocket();
                KryoTestClient player = map.enter("61")) {
            player.await(Welcome.class);
            SplittableRandom random = new SplittableRandom(61);
            for (int i = 0; i < 10_000; i++) {
                byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                if (i % 4 == 0) {
                    garbage[0] = 0x0D; // looks like RegisterUDP
                }
                attacker.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), map.port()));
                if ((i + 1) % 500 == 0) { // in batches the socket's receive buffer holds, so the kernel drops none
                    long sent = i + 1;
                    await().atMost(WAIT).until(() -> map.counter("mmo_map_datagrams_dropped_total", "") >= sent - 10);
                }
            }
            await().atMost(WAIT).until(() -> map.counter("mmo_map_datagrams_dropped_total", "") >= 9_990);
            assertThat(player.disconnected).isFalse();
        } finally {
            root.detachAppender(counter);
        }
        assertThat(logged.get()).as("bytes logged while 10,000 garbage datagrams arrived").isLessThan(10_000);
    }

    @Test
    void aRegisterUdpFromAnotherAddressOrForAnotherIdNeverCapturesAConnection() throws Exception {
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "20s")); // the victim waits while the spraying is counted
        try (RawPeer victim = new RawPeer(map.port());
                DatagramSocket elsewhere = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
                DatagramSocket sameHost = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int id = victim.await(RegisterTcp.class, WAIT).connectionId();
            for (int i = 0; i < 20; i++) {
                send(elsewhere, new RegisterUdp(id));
            }
            for (int guess = id - 50; guess <= id + 50; guess++) {
                if (guess != id) {
                    send(sameHost, new RegisterUdp(guess));
                }
            }
            await().atMost(WAIT).until(() -> map.counter("mmo_map_datagrams_dropped_total", "udp_register_foreign") == 20
                    && map.counter("mmo_map_datagrams_dropped_total", "udp_register_unknown") == 100);
            // A marker: every spoofed datagram is handled (counted above), so a RegisterUDP answer they had made
            // the server send would be on the victim's connection before the answer to this Ping.
            victim.sendTcp(new Ping(77, false));
            assertThat(victim.read(WAIT)).as("no UDP binding was confirmed for a stranger: the first answer is the Ping's")
                    .isEqualTo(new Ping(77, true));

            victim.sendUdp(new RegisterUdp(id));
            victim.await(RegisterUdp.class, WAIT);
            victim.sendTcp(new com.mmorpg.protocol.Authenticate(map.ticket("71")));
            assertThat(victim.await(Welcome.class, WAIT).characterId).isEqualTo("71");
            Object datagram = null;
            for (int i = 0; i < 40 && !(datagram instanceof Snapshot); i++) {
                datagram = victim.receiveUdp(Duration.ofSeconds(1));
            }
            assertThat(datagram).as("the victim's own UDP socket gets its snapshots").isInstanceOf(Snapshot.class);
            elsewhere.setSoTimeout(300);
            sameHost.setSoTimeout(300);
            assertThat(receives(elsewhere)).isFalse();
            assertThat(receives(sameHost)).isFalse();
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAsASlowReader() throws Exception {
        map = LoopbackMapServer.start(Map.of("SLOW_READER_BYTES", "65536", "AUTH_TIMEOUT", "20s"));
        try (RawPeer stalled = new RawPeer(map.port(), 4096)) {
            stalled.enter(map.ticket("81"));
            stalled.await(Welcome.class, WAIT);
            MapNetwork network = map.server.network();
            ClientLink link = network.eventLoop().submit(() -> network.links()).get(5, TimeUnit.SECONDS).getFirst();
            EntityEntered bulky = new EntityEntered();
            bulky.name = "x".repeat(60);
            long deadline = System.nanoTime() + WAIT.toNanos();
            int sent = 0;
            while (link.isOpen() && System.nanoTime() < deadline) { // the peer reads nothing from now on
                link.sendReliable(bulky);
                if (++sent % 1_000 == 0) {
                    network.flush(1_000);
                }
            }
            assertThat(link.isOpen()).isFalse();
            await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"slow_reader\"") == 1);
            assertThat(sent).as("at least the high-water mark went out first").isGreaterThan(65_536 / 80);
        }
        try (KryoTestClient player = map.enter("82")) {
            assertThat(player.await(Welcome.class).characterId).isEqualTo("82");
        }
    }

    @Test
    void healthIsDownWhileTheNetworkLoopIsBlockedAndUpAgainAfter() throws Exception {
        map = LoopbackMapServer.start(Map.of());
        await().atMost(WAIT).until(() -> map.ops("/health").statusCode() == 200);
        CountDownLatch release = new CountDownLatch(1);
        map.server.network().eventLoop().execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().atMost(WAIT).until(() -> map.ops("/health").statusCode() == 503);
            HttpResponse<String> down = map.ops("/health");
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"network\":\"DOWN\"", "\"tick_thread\":\"UP\"");
        } finally {
            release.countDown();
        }
        await().atMost(WAIT).until(() -> map.ops("/health").statusCode() == 200);
    }

    @Test
    void aSlowHttpClientNeitherBlocksHealthProbesNorStaysConnected() throws Exception {
        map = LoopbackMapServer.start(Map.of());
        List<java.net.Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) { // half a request each, then nothing
                java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), map.server.opsPort());
                socket.getOutputStream().write("GET /hea".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            assertThat(map.ops("/health").statusCode()).isEqualTo(200);
            java.net.Socket first = slow.getFirst();
            first.setSoTimeout((int) WAIT.toMillis());
            assertThat(first.getInputStream().read()).as("closed at the request deadline").isEqualTo(-1);
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void healthAndReadyAnswerWhileSixtyFourIdleSocketsHoldTheOpsPort() throws Exception {
        map = LoopbackMapServer.start(Map.of());
        await().atMost(WAIT).until(() -> map.ops("/health").statusCode() == 200);
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            // One address holds at most 8: its ninth connection is closed at once.
            for (int i = 0; i < 8; i++) {
                idle.add(idleOpsSocket(2));
            }
            try (java.net.Socket ninth = idleOpsSocket(2)) {
                ninth.setSoTimeout((int) WAIT.toMillis());
                assertThat(ninth.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
            // Eight addresses, eight each, connected and silent: each holds one of the 64 slots for up to 5 s.
            // A slow machine may let some of them lapse before the check: then they are opened again.
            HttpResponse<String> metrics = null;
            for (int attempt = 0; attempt < 5 && (metrics == null || metrics.statusCode() != 503); attempt++) {
                idle.removeIf(java.net.Socket::isClosed);
                for (java.net.Socket socket : idle) {
                    socket.close();
                }
                idle.clear();
                for (int i = 0; i < 64; i++) {
                    idle.add(idleOpsSocket(2 + i / 8));
                }
                metrics = map.ops("/metrics");
            }
            assertThat(metrics.statusCode()).as("other routes wait for a regular slot").isEqualTo(503);
            assertThat(metrics.body()).contains("OPS_BUSY");
            HttpResponse<String> health = map.ops("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(map.ops("/ready").statusCode()).isEqualTo(200);
        } finally {
            for (java.net.Socket socket : idle) {
                socket.close();
            }
        }
        await().atMost(WAIT).until(() -> map.ops("/metrics").statusCode() == 200);
    }

    /** A connection to the ops port from 127.0.0.{@code host}. */
    private java.net.Socket idleOpsSocket(int host) throws IOException {
        java.net.Socket socket = new java.net.Socket();
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host}), 0));
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), map.server.opsPort()));
        return socket;
    }

    @Test
    void connectionsOverThePendingCapPerAddressAreClosedAtOnce() throws Exception {
        map = LoopbackMapServer.start(Map.of("PENDING_PER_ADDRESS", "4", "AUTH_TIMEOUT", "20s"));
        List<RawPeer> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawPeer peer = new RawPeer(map.port());
                peer.await(RegisterTcp.class, WAIT);
                waiting.add(peer);
            }
            try (RawPeer fifth = new RawPeer(map.port())) {
                assertThat(fifth.read(WAIT)).as("closed without a RegisterTCP").isNull();
            }
            await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"pending_cap\"") == 1);
        } finally {
            for (RawPeer peer : waiting) {
                peer.close();
            }
        }
        await().atMost(WAIT).until(() -> map.server.network().connectionCount() == 0);
        try (KryoTestClient player = map.enter("91")) {
            assertThat(player.await(Welcome.class).characterId).isEqualTo("91");
        }
    }

    @Test
    void anUnauthenticatedClientThatKeepsTalkingIsClosedAsFlooding() throws Exception {
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "10s"));
        try (RawPeer chatty = new RawPeer(map.port())) {
            chatty.await(RegisterTcp.class, WAIT);
            for (int i = 0; i < 200; i++) {
                try {
                    chatty.sendTcp(com.mmorpg.protocol.KryoNetControl.KeepAlive.INSTANCE);
                } catch (java.net.SocketException closedMeanwhile) {
                    break; // the server closed it while we were still writing: what this test wants
                }
            }
            assertThat(chatty.closedWithin(WAIT)).isTrue();
        }
        await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"flooding\"") == 1);
    }

    private void send(DatagramSocket socket, Object message) throws Exception {
        byte[] bytes = RawPeer.encode(message);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), map.port()));
    }

    private static boolean receives(DatagramSocket socket) throws Exception {
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }
}
