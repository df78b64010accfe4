package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryonet.Server;
import java.io.IOException;
import java.net.BindException;

/**
 * The map server's KryoNet endpoint: TCP for reliable messages and UDP for per-tick traffic, both
 * on the one port players are sent to.
 */
public final class MapNetwork implements AutoCloseable {

    /** Per-connection buffers: a snapshot of a crowded area must fit in the object buffer. */
    private static final int WRITE_BUFFER_BYTES = 256 * 1024;
    private static final int OBJECT_BUFFER_BYTES = 64 * 1024;

    private final Server server;
    private final int port;

    private MapNetwork(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Binds TCP and UDP on {@code port} and starts KryoNet's network thread. */
    public static MapNetwork bind(int port) throws IOException {
        Server server = new Server(WRITE_BUFFER_BYTES, OBJECT_BUFFER_BYTES);
        try {
            server.bind(port, port);
        } catch (BindException e) {
            server.close();
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        server.start();
        return new MapNetwork(server, port);
    }

    public int port() {
        return port;
    }

    public int connectionCount() {
        return server.getConnections().length;
    }

    @Override
    public void close() {
        // stop() alone: dispose() right after stop() throws ClosedSelectorException on the update thread.
        server.stop();
    }
}
