package com.mmorpg.mapserver.net;

/**
 * Bytes and messages received, added up on the event loop and handed to the {@link NetObserver} in
 * one call per sweep rather than one per message.
 */
final class InboundTraffic {

    private long bytes;
    private long messages;

    /** One message of {@code length} bytes arrived; on the event loop. */
    void received(int length) {
        bytes += length;
        messages++;
    }

    /** Reports what arrived since the last call; on the event loop. */
    void publish(NetObserver observer) {
        if (messages > 0) {
            observer.received(bytes, messages);
            bytes = 0;
            messages = 0;
        }
    }
}
