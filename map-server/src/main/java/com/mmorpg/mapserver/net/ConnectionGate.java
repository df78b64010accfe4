package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.protocol.KryoNetControl;
import com.mmorpg.protocol.KryoNetControl.KeepAlive;
import com.mmorpg.protocol.KryoNetControl.Ping;
import com.mmorpg.protocol.KryoNetControl.RegisterUdp;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.mapserver.character.CharacterLeases;
import com.mmorpg.mapserver.character.CharacterNotFoundException;
import com.mmorpg.mapserver.net.ClientLink.Stage;
import com.mmorpg.mapserver.net.InboundGuard.Verdict;
import com.mmorpg.mapserver.net.TicketCheck.Accepted;
import com.mmorpg.mapserver.net.TicketCheck.Refused;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may talk to the world, on the network's event loop (so none of this needs a lock). A
 * connection walks KryoNet's handshake and then our login: RegisterTCP (a random id) → the client's
 * RegisterUDP datagram, from the TCP peer's own IP → Authenticate with a valid ticket, all within
 * the auth timeout → its character is loaded → in the world. Until its ticket is accepted it is
 * capped (per address, per network — an IPv4 /24, an IPv6 /64 — and in total); until it is in the world it is allowed a handful of messages
 * and closed at its first malformed byte. In the world
 * its messages are rate-limited and handed to the world's queue. Every way a connection ends and
 * every dropped datagram is counted by reason; hostile traffic is never logged packet by packet.
 */
final class ConnectionGate {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    /** KryoNet's peers send a TCP keep-alive after 8 s without writing and give up after 12 s without reading. */
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(8);
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(12);
    /** RegisterUDP retries, Authenticate, keep-alives, pings: an honest client needs far fewer. */
    static final int MAX_MESSAGES_BEFORE_WORLD = 64;

    /** How the gate is bounded. */
    record Limits(long authTimeoutNanos, MapNetwork.PendingCaps pending, int tickRate) {
    }

    private final TicketCheck tickets;
    /**
     * From an accepted ticket to the character in hand: waiting for this server's pending write of
     * it, a handover from another server ({@code HANDOVER_WAIT}) and auth-service's answers.
     */
    static final Duration LOAD_BUDGET = Duration.ofSeconds(10);
    private final CharacterLeases characters;
    private final World world;
    private final NetObserver observer;
    private final Limits limits;
    private final Executor loop;
    private final EdgeSummary summary;
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
    private volatile boolean draining;

    ConnectionGate(TicketCheck tickets, CharacterLeases characters, World world, NetObserver observer, Limits limits,
            Executor loop, EdgeSummary summary) {
        this.tickets = tickets;
        this.characters = characters;
        this.world = world;
        this.observer = observer;
        this.limits = limits;
        this.loop = loop;
        this.summary = summary;
    }

    void startDraining() {
        draining = true;
    }

    int connectionCount() {
        return connections;
    }

    /** Connections by stage: awaiting UDP, authenticating (ticket or loading), in the world. */
    int[] stageCounts() {
        return new int[] {awaitingUdpCount, authenticatingCount, inWorldCount};
    }

    /** The open connections (a copy; on the event loop). */
    List<ClientLink> links() {
        return List.copyOf(links);
    }

    /** A TCP connection was accepted. Returns its link, or null when it was closed at once (over a cap). */
    ClientLink accepted(io.netty.channel.Channel channel, OutboundQueue outbound, PacketWriter writer) {
        long now = System.nanoTime();
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        int fromAddress = pendingByAddress.getOrDefault(address, 0);
        PendingNetwork network = PendingNetwork.of(address);
        int fromNetwork = pendingByNetwork.getOrDefault(network, 0);
        MapNetwork.PendingCaps caps = limits.pending();
        if (pendingTotal >= caps.total() || fromAddress >= caps.perAddress()
                || fromNetwork >= caps.perNetwork(network.ipv6())) {
            observer.disconnected("pending_cap");
            summary.count("pending_cap");
            channel.close();
            return null;
        }
        ClientLink link = new ClientLink(nextLinkId++, newConnectionId(), channel, outbound, writer, limits.tickRate(), now);
        link.countedPending = true;
        pendingByAddress.put(address, fromAddress + 1);
        pendingByNetwork.put(network, fromNetwork + 1);
        pendingTotal++;
        links.add(link);
        awaitingUdp.put(link.connectionId, link);
        connections = links.size();
        recount();
        link.sendNow(new KryoNetControl.RegisterTcp(link.connectionId));
        return link;
    }

    private int newConnectionId() {
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE); // non-negative: the Godot addon expects that
        } while (awaitingUdp.containsKey(id));
        return id;
    }

    /** A datagram arrived: from a bound address it is that connection's; otherwise only a RegisterUDP may bind. */
    ClientLink udpSender(InetSocketAddress sender) {
        return byUdpAddress.get(sender);
    }

    /** A RegisterUDP datagram from an address bound to no connection. */
    void registerUdp(InetSocketAddress sender, RegisterUdp register) {
        ClientLink link = awaitingUdp.get(register.connectionId());
        if (link == null || link.stage != Stage.AWAITING_UDP || link.closing()) {
            dropDatagram("udp_register_unknown");
            return;
        }
        if (!link.remoteIp.equals(sender.getAddress())) {
            dropDatagram("udp_register_foreign");
            return;
        }
        awaitingUdp.remove(link.connectionId);
        link.udpAddress = sender;
        byUdpAddress.put(sender, link);
        link.stage = Stage.AWAITING_TICKET;
        recount();
        link.sendNow(new RegisterUdp(0));
        if (draining) {
            refuse(link, "SERVER_DRAINING", "This map server is shutting down", "draining");
        }
    }

    void dropDatagram(String reason) {
        observer.datagramDropped(reason);
        summary.count(reason);
    }

    /** A message from {@code link}, over TCP or (already matched to its address) UDP. */
    void received(ClientLink link, Object message, boolean tcp) {
        if (link.closing()) {
            return;
        }
        if (tcp) {
            link.lastReadNanos = System.nanoTime();
        }
        if (link.stage != Stage.IN_WORLD && ++link.messagesBeforeWorld > MAX_MESSAGES_BEFORE_WORLD) {
            hostile(link, "flooding");
            return;
        }
        switch (message) {
            case KeepAlive keepAlive -> control(link, tcp);
            case RegisterUdp again -> control(link, tcp); // KryoNet clients repeat it every 100 ms until the reply arrives
            case Ping ping -> {
                if (control(link, tcp) && tcp && !ping.reply()) {
                    // answered once per read of this connection (readComplete), with the newest id: the
                    // only one KryoNet's client times (Connection: ping.id == lastPingID - 1)
                    link.pingToAnswer = ping.id();
                    link.pingDue = true;
                }
            }
            case KryoNetControl other -> strike(link, "unexpected_message", tcp);
            case ClientMessage client -> clientMessage(link, client, tcp);
            default -> strike(link, "unexpected_message", tcp);
        }
    }

    /**
     * A KryoNet frame in the world counts against the connection's allowance like any message (before
     * the world, {@link #MAX_MESSAGES_BEFORE_WORLD} bounds it); true when it may be acted on.
     */
    private boolean control(ClientLink link, boolean tcp) {
        if (link.stage != Stage.IN_WORLD) {
            return true;
        }
        return admitted(link, link.guard.control(System.nanoTime()), tcp);
    }

    /**
     * What a {@link Verdict} on a message means for {@code link}. Only what arrived over TCP can disconnect
     * it: anyone can send datagrams from a player's address and port, so a flood or garbage over UDP is
     * dropped and counted ({@code udp_flood}), never the player's end.
     */
    private boolean admitted(ClientLink link, Verdict verdict, boolean tcp) {
        switch (verdict) {
            case ACCEPT -> {
                return true;
            }
            case DROP -> observer.inputDropped("rate_limited");
            case DISCONNECT -> {
                if (tcp) {
                    flooding(link);
                } else {
                    observer.inputDropped("udp_flood");
                }
            }
        }
        return false;
    }

    /** The connection's reads so far are handled: a Ping among them is answered now, in one write. */
    void readComplete(ClientLink link) {
        if (link.pingDue) {
            link.pingDue = false;
            if (!link.closing()) {
                link.sendNow(new Ping(link.pingToAnswer, true));
            }
        }
    }

    private void flooding(ClientLink link) {
        log.warn("Disconnecting flooding client link={} character={}", link.linkId(), link.characterId);
        summary.count("flooding");
        link.closeAfterQueued("flooding", new Rejected("FLOODING", "Too many messages"));
    }

    private void clientMessage(ClientLink link, ClientMessage message, boolean tcp) {
        if (!tcp && link.stage != Stage.IN_WORLD) { // a datagram before the world: nothing a client sends then
            observer.inputDropped("udp_unexpected");
            return;
        }
        switch (link.stage) {
            case AWAITING_UDP -> hostile(link, "protocol_violation"); // KryoNet's server closes these too
            case AWAITING_TICKET -> {
                if (tcp && message instanceof Authenticate authenticate) {
                    authenticate(link, authenticate);
                } else {
                    refuse(link, "AUTH_REQUIRED", "The first message must be Authenticate", "auth_required");
                }
            }
            case LOADING -> strike(link, "before_welcome", tcp);
            case IN_WORLD -> forward(link, message, tcp);
            case CLOSED -> {
            }
        }
    }

    /**
     * Bytes that do not decode: before the world, the connection goes at once; in it, after a few. A
     * datagram that does not decode is only counted: anyone can send one from a player's address.
     */
    void undecodable(ClientLink link, boolean tcp) {
        observer.inputDropped("undecodable");
        if (!tcp) {
            return;
        }
        if (link.stage != Stage.IN_WORLD) {
            hostile(link, "decode_error");
        } else if (link.guard.strike() == Verdict.DISCONNECT) {
            hostile(link, "decode_error");
        }
    }

    /** Closes at once, counted and summarized, never logged one by one. */
    void hostile(ClientLink link, String reason) {
        summary.count(reason);
        link.abort(reason);
    }

    private void forward(ClientLink link, ClientMessage message, boolean tcp) {
        if (message instanceof Authenticate) {
            strike(link, "unexpected_message", tcp);
            return;
        }
        long now = System.nanoTime();
        Verdict verdict = message instanceof MoveInput ? link.guard.move(now) : link.guard.action(now);
        if (admitted(link, verdict, tcp) && !world.submit(new Command.Input(link, message))) {
            observer.inputDropped("queue_full");
        }
    }

    /** An unexpected message: counted; over TCP it costs a strike, and a burst of them disconnects. */
    private void strike(ClientLink link, String reason, boolean tcp) {
        observer.inputDropped(reason);
        if (tcp && link.guard.strike() == Verdict.DISCONNECT) {
            log.warn("Disconnecting client sending unexpected messages link={} character={}", link.linkId(), link.characterId);
            link.closeAfterQueued("protocol_violation", new Rejected("PROTOCOL_VIOLATION", "Unexpected messages"));
        }
    }

    private void authenticate(ClientLink link, Authenticate authenticate) {
        if (draining) {
            refuse(link, "SERVER_DRAINING", "This map server is shutting down", "draining");
            return;
        }
        switch (tickets.check(authenticate.ticket)) {
            case Refused refused -> refuse(link, refused.code(), refused.message(), "login_refused");
            case Accepted accepted -> {
                link.stage = Stage.LOADING;
                leavePending(link); // a signed, single-use ticket: authenticated, however long the character takes to load
                recount();
                link.characterId = accepted.ticket().characterId();
                String userId = accepted.ticket().userId();
                CompletableFuture<CharacterLeases.Granted> taking = characters.take(link.characterId, accepted.ticket().jti(),
                        accepted.ticket().sessionId());
                taking.copy().orTimeout(LOAD_BUDGET.toMillis(), TimeUnit.MILLISECONDS)
                        .whenCompleteAsync((granted, error) -> loaded(link, userId, granted, error, taking), loop);
            }
        }
    }

    private void loaded(ClientLink link, String userId, CharacterLeases.Granted granted, Throwable error,
            CompletableFuture<CharacterLeases.Granted> taking) {
        if (error instanceof TimeoutException) { // a lease granted after all is given back by the world (the link is gone)
            taking.thenAccept(late -> world.submit(new Command.Join(link, late.sheet(), late.leaseId())));
        }
        if (error != null) {
            if (link.stage != Stage.LOADING || link.closing()) {
                return; // disconnected while loading
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            switch (cause) {
                case CharacterNotFoundException missing ->
                        refuse(link, "CHARACTER_NOT_FOUND", "The character no longer exists", "login_refused");
                case CharacterLeases.LeaseRefusedException refused ->
                        refuse(link, refused.code(), refused.getMessage(), "login_refused");
                default -> {
                    log.warn("Cannot load character={} link={}: {}", link.characterId, link.linkId(), cause.getMessage());
                    refuse(link, "SERVICE_UNAVAILABLE", "Characters cannot be loaded right now; try again", "login_refused");
                }
            }
            return;
        }
        CharacterSheet sheet = granted.sheet();
        if (link.stage != Stage.LOADING || link.closing()) {
            world.submit(new Command.Join(link, sheet, granted.leaseId())); // gone: the world gives the lease back if unused
            return;
        }
        if (!sheet.userId().equals(userId) || sheet.mapId() != tickets.mapId()) {
            if (!granted.resumed()) {
                characters.release(link.characterId, granted.leaseId());
            }
            if (!sheet.userId().equals(userId)) {
                refuse(link, "FORBIDDEN", "The ticket's account does not own this character", "login_refused");
            } else {
                refuse(link, "TICKET_WRONG_MAP", "The character is on map " + sheet.mapId(), "login_refused");
            }
            return;
        }
        link.stage = Stage.IN_WORLD;
        link.joined = true;
        recount();
        observer.loginAccepted();
        world.submit(new Command.Join(link, sheet, granted.leaseId()));
    }

    private void refuse(ClientLink link, String code, String message, String reason) {
        observer.loginRejected(code);
        summary.count(reason);
        log.debug("Connection refused link={} character={} code={}", link.linkId(), link.characterId, code);
        link.closeAfterQueued(reason, new Rejected(code, message));
    }

    /**
     * Every 250 ms: the auth timeout, KryoNet's 12 s read timeout and 8 s keep-alive. One pass over
     * the connections, cheaper than a timer per connection.
     */
    void sweep(long now) {
        for (int i = 0; i < links.size(); i++) {
            ClientLink link = links.get(i);
            if (link.closing()) {
                continue;
            }
            if ((link.stage == Stage.AWAITING_UDP || link.stage == Stage.AWAITING_TICKET)
                    && now - link.acceptedNanos > limits.authTimeoutNanos()) {
                refuse(link, "AUTH_TIMEOUT", "No Authenticate within " + TimeUnit.NANOSECONDS.toMillis(limits.authTimeoutNanos())
                        + " ms", "auth_timeout");
            } else if (now - link.lastReadNanos > TIMEOUT_NANOS) {
                log.info("Connection timed out link={} character={}", link.linkId(), link.characterId);
                link.abort("timeout");
            } else if (now - link.lastTcpWriteNanos > KEEP_ALIVE_NANOS) {
                link.sendNow(KeepAlive.INSTANCE);
            }
        }
    }

    /** The TCP connection closed, for whatever reason; on the event loop. */
    void closed(ClientLink link) {
        String reason = link.closeReason();
        observer.disconnected(reason);
        link.stage = Stage.CLOSED;
        link.discardPending();
        links.remove(link);
        awaitingUdp.remove(link.connectionId, link);
        if (link.udpAddress != null) {
            byUdpAddress.remove(link.udpAddress, link);
        }
        leavePending(link);
        connections = links.size();
        recount();
        if (link.joined) {
            // also when the server closed it (flooding, replaced): the world ignores links it no longer knows
            world.submit(new Command.Leave(link));
        }
    }

    private void leavePending(ClientLink link) {
        if (!link.countedPending) {
            return;
        }
        link.countedPending = false;
        pendingTotal--;
        pendingByAddress.computeIfPresent(link.remoteIp, (address, count) -> count <= 1 ? null : count - 1);
        pendingByNetwork.computeIfPresent(PendingNetwork.of(link.remoteIp), (network, count) -> count <= 1 ? null : count - 1);
    }

    private void recount() {
        int udp = 0;
        int auth = 0;
        int inWorld = 0;
        for (int i = 0; i < links.size(); i++) {
            switch (links.get(i).stage) {
                case AWAITING_UDP -> udp++;
                case AWAITING_TICKET, LOADING -> auth++;
                case IN_WORLD -> inWorld++;
                case CLOSED -> {
                }
            }
        }
        awaitingUdpCount = udp;
        authenticatingCount = auth;
        inWorldCount = inWorld;
    }
}
