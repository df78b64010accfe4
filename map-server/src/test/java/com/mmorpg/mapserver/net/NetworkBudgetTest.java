package com.mmorpg.mapserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.Welcome;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One connection's or one network's share of the game port, on real sockets: KryoNet's own frames
 * count against a player's allowance, UDP garbage is forgiven when sparse, and one network cannot
 * take every slot for connections that have not logged in yet.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkBudgetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private LoopbackMapServer map;

    @AfterEach
    void stop() {
        if (map != null) {
            map.close();
        }
    }

    @Test
    void aPingFloodIsClosedAsFloodingWhileAnotherPlayerKeepsItsSnapshotRate() throws Exception {
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "20s"));
        try (KryoTestClient watcher = map.enter("101");
                RawPeer flooder = new RawPeer(map.port())) {
            watcher.await(Welcome.class);
            // the unmodified KryoNet client's round trip: each Ping is answered with its own id
            for (int i = 1; i <= 3; i++) {
                watcher.client.updateReturnTripTime();
                int expected = i;
                await().atMost(WAIT).until(() -> watcher.pingReplies.get() >= expected);
            }
            assertThat(watcher.client.getReturnTripTime()).isGreaterThanOrEqualTo(0);
            flooder.enter(map.ticket("102"));
            flooder.await(Welcome.class, WAIT);
            await().atMost(WAIT).until(() -> watcher.all(Snapshot.class).size() >= 20); // snapshots flow before the flood

            int from = watcher.received.size();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong pingsSent = new AtomicLong();
            Thread flood = Thread.ofPlatform().name("ping-flood").start(() -> pingFlood(flooder, flooding, pingsSent));
            try {
                assertThat(flooder.closedWithin(WAIT)).as("the flooder is disconnected").isTrue();
                await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"flooding\"") == 1);
            } finally {
                flooding.set(false);
                flood.join(WAIT.toMillis());
            }
            assertThat(pingsSent.get()).as("pings the flooder wrote: at least a whole batch").isGreaterThanOrEqualTo(4_096);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // and a while after it is gone
            await().atMost(WAIT).until(() -> System.nanoTime() > end);

            Set<Integer> ticks = new TreeSet<>();
            for (Object message : watcher.received.subList(from, watcher.received.size())) {
                if (message instanceof Snapshot snapshot) {
                    ticks.add(snapshot.tick);
                }
            }
            assertThat(ticks).hasSizeGreaterThan(10);
            int first = ((TreeSet<Integer>) ticks).first();
            int last = ((TreeSet<Integer>) ticks).last();
            double rate = ticks.size() / (double) (last - first + 1);
            assertThat(rate).as("share of ticks %d..%d the other player got a snapshot of", first, last)
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(watcher.disconnected).isFalse();
            int before = watcher.pingReplies.get();
            watcher.client.updateReturnTripTime();
            await().atMost(WAIT).until(() -> watcher.pingReplies.get() > before);
        }
    }

    /** Writes framed Pings in big batches until the server closes the connection or the test says stop. */
    private static void pingFlood(RawPeer flooder, AtomicBoolean flooding, AtomicLong sent) {
        int perBatch = 4_096;
        byte[] one = RawPeer.frame(new Ping(7, false));
        byte[] batch = new byte[one.length * perBatch];
        for (int i = 0; i < perBatch; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        try {
            OutputStream out = flooder.tcp.getOutputStream();
            while (flooding.get()) {
                out.write(batch);
                sent.addAndGet(perBatch);
            }
        } catch (IOException closed) {
            // the server closed the connection: the flood is over
        }
    }

    @Test
    void garbageDatagramsFromAPlayersAddressNeverDisconnectButGarbageOverItsTcpConnectionDoes() throws Exception {
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "20s"));
        try (RawPeer player = new RawPeer(map.port())) {
            player.enter(map.ticket("111"));
            player.await(Welcome.class, WAIT);
            byte[] garbage = {0x7F, 0x01, 0x02}; // no such class id
            // 15 garbage datagrams from the player's own address:port (as a spoofer would send them),
            // one every 600 ms: strikes are forgiven far faster than that
            for (int i = 0; i < 15; i++) {
                double before = map.counter("mmo_map_input_dropped_total", "reason=\"undecodable\"");
                player.sendRawUdp(garbage);
                await().atMost(WAIT).until(() -> map.counter("mmo_map_input_dropped_total", "reason=\"undecodable\"") > before);
                long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
                await().pollInterval(Duration.ofMillis(20)).atMost(WAIT).until(() -> System.nanoTime() > next);
            }
            assertThat(map.counter("mmo_map_disconnects_total", "")).as("nobody disconnected by sparse garbage").isZero();
            Object datagram = null;
            for (int i = 0; i < 40 && !(datagram instanceof Snapshot); i++) {
                datagram = player.receiveUdp(Duration.ofSeconds(1));
            }
            assertThat(datagram).as("the player still gets its snapshots").isInstanceOf(Snapshot.class);

            // A burst of garbage datagrams: anyone can forge them from the player's address, so they are
            // dropped and counted, and the player plays on.
            double counted = map.counter("mmo_map_input_dropped_total", "reason=\"undecodable\"");
            for (int i = 0; i < 200; i++) {
                player.sendRawUdp(garbage);
            }
            await().atMost(WAIT).until(() -> map.counter("mmo_map_input_dropped_total", "reason=\"undecodable\"")
                    >= counted + 150); // datagrams may be lost on a busy machine; most arrive
            assertThat(map.counter("mmo_map_disconnects_total", "")).as("nobody disconnected by datagrams").isZero();
            Object after = null;
            for (int i = 0; i < 40 && !(after instanceof Snapshot); i++) {
                after = player.receiveUdp(Duration.ofSeconds(1));
            }
            assertThat(after).as("the player still gets its snapshots after the burst").isInstanceOf(Snapshot.class);

            // The same garbage over the player's own TCP connection, which nobody else can write to, does.
            byte[] frame = {0, 0, 0, (byte) garbage.length, garbage[0], garbage[1], garbage[2]};
            int written = 0;
            try {
                for (; written < 20; written++) {
                    player.sendRawTcp(frame);
                }
            } catch (IOException closedByServer) {
                // the server may close the connection before all 20 are written: a broken pipe is that close
            }
            assertThat(written).as("garbage frames written before the close").isPositive();
            assertThat(player.closedWithin(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"decode_error\"") == 1);
        }
    }

    @Test
    void twoThousandPendingConnectionsFromOneNetworkLeaveALoginFromAnotherWorking() throws Exception {
        int attempts = 2_000;
        // each attempt holds a client socket, and for a moment (or, under the cap, until the test ends) a server one
        // The suite's machines allow 20,000; a smaller limit fails here rather than skipping the test.
        assertThat(freeFileDescriptors()).as("free file descriptors (ulimit -n)").isGreaterThan(3L * attempts);
        map = LoopbackMapServer.start(Map.of("AUTH_TIMEOUT", "60s")); // defaults: 16 per address, 64 per /24, 1,024 in all
        List<RawPeer> held = new ArrayList<>();
        try {
            // 125 addresses of 127.0.0.0/24, 16 connections each: every one under the per-address cap
            for (int i = 0; i < attempts; i++) {
                InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i / 16)});
                try {
                    held.add(new RawPeer(source, map.port(), 0));
                } catch (IOException refused) {
                    // a connection the server closed before connect returned: refused all the same
                }
            }
            await().atMost(WAIT).until(() -> map.counter("mmo_map_disconnects_total", "reason=\"pending_cap\"") >= attempts - 64);
            assertThat(map.server.network().connectionCount()).as("pending connections of the one /24").isEqualTo(64);

            // another network (127.0.1.0/24) logs in as if nothing happened
            try (RawPeer player = new RawPeer(InetAddress.getByAddress(new byte[] {127, 0, 1, 7}), map.port(), 0)) {
                player.enter(map.ticket("121"));
                assertThat(player.await(Welcome.class, WAIT).characterId).isEqualTo("121");
            }
        } finally {
            for (RawPeer peer : held) {
                peer.close();
            }
        }
        await().atMost(WAIT).until(() -> map.server.network().connectionCount() == 0);
    }

    /** The process's file descriptor limit minus those open (Long.MAX_VALUE where the JVM cannot say). */
    private static long freeFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }
}
