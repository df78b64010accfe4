package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.ServerMessage;

/**
 * The world's view of one player's connection. The network layer implements it over KryoNet; tests
 * record what was sent. Called only from the tick thread (and, before the player joins, from the
 * network thread); implementations must not block.
 */
public interface PlayerLink {

    /** Stable id of the connection, for logs. */
    int linkId();

    /** Reliable, ordered (TCP). */
    void sendReliable(ServerMessage message);

    /**
     * Unreliable, latest-wins (UDP, or TCP when the client has no UDP channel). The message is
     * encoded before this returns and may be reused by the caller afterwards: copy it to keep it.
     */
    void sendUnreliable(ServerMessage message);

    /** False once the connection has closed (a character loaded for it is then not spawned). */
    boolean isOpen();

    /** Sends {@code reason} and closes the connection. */
    void close(Rejected reason);
}
