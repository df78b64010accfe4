package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryonet.Server;
import com.mmorpg.mapserver.character.CharacterLoader;
import com.mmorpg.mapserver.ops.MapServerMetrics;
import com.mmorpg.mapserver.sim.World;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The map server's KryoNet endpoint: TCP for reliable messages and UDP for per-tick traffic, both
 * on the one port players are sent to.
 */
public final class MapNetwork implements AutoCloseable {

    /**
     * Per-connection buffers (heap): what a burst of EntityEntered after a channel change needs, and
     * a read buffer that caps any client frame at 16 KiB (larger frames close the connection).
     */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final int OBJECT_BUFFER_BYTES = 16 * 1024;

    private final Server server;
    private final ConnectionGate gate;
    private final OutboundQueue outbound;
    private final int port;

    private MapNetwork(Server server, ConnectionGate gate, OutboundQueue outbound, int port) {
        this.server = server;
        this.gate = gate;
        this.outbound = outbound;
        this.port = port;
    }

    /** Binds TCP and UDP on {@code port} and starts KryoNet's network thread. */
    public static MapNetwork bind(int port, World world, TicketCheck tickets, CharacterLoader characters,
            MapServerMetrics metrics, Duration authTimeout, ScheduledExecutorService timers) throws IOException {
        Server server = new Server(WRITE_BUFFER_BYTES, OBJECT_BUFFER_BYTES, new CountingSerialization(metrics));
        OutboundQueue outbound = new OutboundQueue("net-send", metrics);
        ConnectionGate gate = new ConnectionGate(tickets, characters, world, metrics, world.settings().tickRate(),
                authTimeout, timers, outbound);
        server.addListener(gate);
        try {
            server.bind(port, port);
        } catch (BindException e) {
            outbound.close();
            server.close();
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            outbound.close();
            server.close();
            throw e;
        }
        server.start();
        return new MapNetwork(server, gate, outbound, port);
    }

    public int port() {
        return port;
    }

    /** Start of a tick, on the tick thread: what it sends is handed to the sender in one batch. */
    public void tickStarting() {
        outbound.startBatch();
    }

    /** End of a tick: the sender thread starts on what the tick queued. */
    public void tickDone() {
        outbound.wake();
    }

    /** Messages waiting for the sender thread. */
    public int outboundDepth() {
        return outbound.depth();
    }

    /** Lets queued messages (the last Rejected, EntityLeft) reach the sockets before closing. */
    public void flush(long timeoutMillis) throws InterruptedException {
        outbound.drain(timeoutMillis);
    }

    public int connectionCount() {
        return gate.connectionCount();
    }

    /** New connections and logins are refused with SERVER_DRAINING from now on. */
    public void startDraining() {
        gate.startDraining();
    }

    @Override
    public void close() {
        outbound.close();
        // stop() alone: dispose() right after stop() throws ClosedSelectorException on the update thread.
        server.stop();
    }
}
