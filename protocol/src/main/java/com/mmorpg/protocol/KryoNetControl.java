package com.mmorpg.protocol;

/**
 * KryoNet 2.22's own messages, registered by KryoNet before ours (Kryo class ids 10-14), with the
 * layout Kryo's field serializer gives them: {@code int} fields as zig-zag varints, fields in
 * alphabetical order. A server or client that speaks KryoNet's wire without KryoNet uses these.
 */
public sealed interface KryoNetControl {

    int REGISTER_TCP_ID = 10;
    int REGISTER_UDP_ID = 11;
    int KEEP_ALIVE_ID = 12;
    int DISCOVER_HOST_ID = 13;
    int PING_ID = 14;

    /** Server → client over TCP, first: the id the client must echo over UDP. */
    record RegisterTcp(int connectionId) implements KryoNetControl {
    }

    /** Client → server over UDP (binds its address); server → client over TCP (bound, id 0). */
    record RegisterUdp(int connectionId) implements KryoNetControl {
    }

    /** Either way, on an otherwise idle TCP connection (every 8 s; the peer gives up after 12 s). */
    record KeepAlive() implements KryoNetControl {
        public static final KeepAlive INSTANCE = new KeepAlive();
    }

    /** LAN discovery over UDP broadcast; a map server does not answer it. */
    record DiscoverHost() implements KryoNetControl {
        public static final DiscoverHost INSTANCE = new DiscoverHost();
    }

    /** Round-trip probe over TCP: the receiver echoes a non-reply with {@code reply} set. */
    record Ping(int id, boolean reply) implements KryoNetControl {
    }
}
