package com.mmorpg.mapserver.net;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The open connections, on the event loop: every link, the UDP address bound to each, the ones
 * waiting for their RegisterUDP, and the caps on connections whose ticket is not yet accepted (per
 * address, per network — an IPv4 /24, an IPv6 /64 — and in total). Keeps the connections-by-stage
 * counts that the metrics read from other threads.
 */
final class ConnectionTable {

    private final MapNetwork.PendingCaps caps;
    private final int tickRate;
    private final OutboundQueue outbound;
    private final PacketWriter writer;
    private final List<ClientLink> links = new ArrayList<>();
    private final Map<Integer, ClientLink> awaitingUdp = new HashMap<>();
    private final Map<InetSocketAddress, ClientLink> byUdpAddress = new HashMap<>();
    private final Map<InetAddress, Integer> pendingByAddress = new HashMap<>();
    private final Map<PendingNetwork, Integer> pendingByNetwork = new HashMap<>();
    private int pendingTotal;
    private int nextLinkId = 1;
    private volatile int connections;
    private volatile int awaitingUdpCount;
    private volatile int authenticatingCount;
    private volatile int inWorldCount;

    ConnectionTable(MapNetwork.PendingCaps caps, int tickRate, OutboundQueue outbound, PacketWriter writer) {
        this.caps = caps;
        this.tickRate = tickRate;
        this.outbound = outbound;
        this.writer = writer;
    }

    /**
     * A link for a new TCP connection, in phase {@code first} and counted as pending; null when its
     * address, its network or the total is at its cap.
     */
    ClientLink open(Channel channel, ConnectionPhase first, long nowNanos) {
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        int fromAddress = pendingByAddress.getOrDefault(address, 0);
        PendingNetwork network = PendingNetwork.of(address);
        int fromNetwork = pendingByNetwork.getOrDefault(network, 0);
        if (pendingTotal >= caps.total() || fromAddress >= caps.perAddress()
                || fromNetwork >= caps.perNetwork(network.ipv6())) {
            return null;
        }
        ClientLink link = new ClientLink(nextLinkId++, newConnectionId(), channel, outbound, writer, tickRate, nowNanos, first);
        link.countedPending = true;
        pendingByAddress.put(address, fromAddress + 1);
        pendingByNetwork.put(network, fromNetwork + 1);
        pendingTotal++;
        links.add(link);
        awaitingUdp.put(link.connectionId, link);
        connections = links.size();
        recount();
        return link;
    }

    private int newConnectionId() {
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE); // non-negative: the Godot addon expects that
        } while (awaitingUdp.containsKey(id));
        return id;
    }

    /** The link a datagram from {@code sender} belongs to, or null when the address is bound to none. */
    ClientLink boundTo(InetSocketAddress sender) {
        return byUdpAddress.get(sender);
    }

    /** The link whose RegisterTCP carried {@code connectionId} and that has not bound its UDP address yet. */
    ClientLink awaitingUdp(int connectionId) {
        return awaitingUdp.get(connectionId);
    }

    /** Datagrams from {@code sender} are {@code link}'s from now on. */
    void bindUdp(ClientLink link, InetSocketAddress sender) {
        awaitingUdp.remove(link.connectionId);
        link.udpAddress = sender;
        byUdpAddress.put(sender, link);
    }

    /** The link moves on to {@code phase}; the counts by stage follow. */
    void enter(ClientLink link, ConnectionPhase phase) {
        link.phase = phase;
        recount();
    }

    /** The ticket was accepted (or the connection ended): it no longer counts against the pending caps. */
    void leavePending(ClientLink link) {
        if (!link.countedPending) {
            return;
        }
        link.countedPending = false;
        pendingTotal--;
        pendingByAddress.computeIfPresent(link.remoteIp, (address, count) -> count <= 1 ? null : count - 1);
        pendingByNetwork.computeIfPresent(PendingNetwork.of(link.remoteIp), (network, count) -> count <= 1 ? null : count - 1);
    }

    /** The connection closed: forgotten, in phase {@code closed}. */
    void remove(ClientLink link, ConnectionPhase closed) {
        link.phase = closed;
        links.remove(link);
        awaitingUdp.remove(link.connectionId, link);
        if (link.udpAddress != null) {
            byUdpAddress.remove(link.udpAddress, link);
        }
        leavePending(link);
        connections = links.size();
        recount();
    }

    /** The open connections, for a pass over them (the list itself: do not keep it). */
    List<ClientLink> all() {
        return links;
    }

    /** A copy of the open connections. */
    List<ClientLink> links() {
        return List.copyOf(links);
    }

    int connectionCount() {
        return connections;
    }

    /** Connections by stage: awaiting UDP, authenticating (ticket or loading), in the world. */
    int[] stageCounts() {
        return new int[] {awaitingUdpCount, authenticatingCount, inWorldCount};
    }

    private void recount() {
        int udp = 0;
        int auth = 0;
        int inWorld = 0;
        for (int i = 0; i < links.size(); i++) {
            switch (links.get(i).phase.stage()) {
                case AWAITING_UDP -> udp++;
                case AUTHENTICATING -> auth++;
                case IN_WORLD -> inWorld++;
                case GONE -> {
                }
            }
        }
        awaitingUdpCount = udp;
        authenticatingCount = auth;
        inWorldCount = inWorld;
    }
}
