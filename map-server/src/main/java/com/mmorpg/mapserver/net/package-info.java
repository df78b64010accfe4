/**
 * The game port: KryoNet 2.22's wire over our own Netty transport, TCP and UDP on one port. {@link
 * com.mmorpg.mapserver.net.MapNetwork} is the entry; each connection walks its phases (UDP
 * registration, ticket, loading, in the world) and reaches the world as a {@code PlayerLink} and
 * commands on its queue. Used by the composition root and, for its counters ({@code NetObserver}),
 * by {@code ops}; uses {@code sim}, {@code character} (lease taking) and {@code runtime}.
 */
package com.mmorpg.mapserver.net;
