package com.mmorpg.mapserver.net;

/**
 * What the network edge reports (implemented by the server's metrics). Every way a connection ends
 * and every datagram or frame dropped is counted by reason; nothing here is logged per packet.
 */
public interface NetObserver extends OutboundQueue.Observer {

    NetObserver NONE = new NetObserver() {
    };

    /** Bytes and messages that arrived and decoded (a few times a second, summed). */
    default void received(long bytes, long messages) {
    }

    /** Bytes and messages handed to the sockets (once per batch). */
    default void sent(long bytes, long messages) {
    }

    /** A client message that reached the edge but not the world ({@code rate_limited}, {@code before_welcome}, ...). */
    default void inputDropped(String reason) {
    }

    /** A datagram thrown away before it reached any connection ({@code udp_unbound}, {@code udp_undecodable}, ...). */
    default void datagramDropped(String reason) {
    }

    /** A connection ended, with why ({@code auth_timeout}, {@code pending_cap}, {@code decode_error}, ...). */
    default void disconnected(String reason) {
    }

    default void loginAccepted() {
    }

    default void loginRejected(String code) {
    }
}
