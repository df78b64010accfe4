package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.ClientMessage;

/**
 * One stage of a connection's life, the way Velocity gives each connection state its own session
 * handler: a {@link ClientLink} holds its current phase and the phase swaps it for the next one
 * ({@link ConnectionTable#enter}). A phase decides what the game's messages and undecodable bytes
 * mean at that stage; KryoNet's own frames and the cap on messages before the world are the
 * {@link ConnectionGate}'s, the same in every phase. Phases run on the network's event loop only.
 */
sealed interface ConnectionPhase permits AwaitingUdpPhase, AwaitingTicketPhase, LoadingPhase, InWorldPhase, ClosedPhase {

    /** Which count of {@code mmo_map_connections_stage} a connection in this phase belongs to. */
    enum Stage {
        AWAITING_UDP,
        /** Ticket check or character loading. */
        AUTHENTICATING,
        IN_WORLD,
        /** Closed: counted nowhere. */
        GONE
    }

    Stage stage();

    /** In the world: messages are rate-limited, no longer counted against the allowance before the world. */
    default boolean inWorld() {
        return stage() == Stage.IN_WORLD;
    }

    /** Whether the auth timeout (no Authenticate in time) still applies. */
    default boolean awaitingLogin() {
        return false;
    }

    /** A message of the game's protocol: over TCP, or over UDP once {@link #inWorld()} (the gate drops earlier datagrams). */
    void message(ClientLink link, ClientMessage message, boolean tcp);

    /** Bytes over TCP that do not decode (already counted as {@code undecodable}). */
    void undecodable(ClientLink link);
}
