package com.mmorpg.mapserver.net;

import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.Listener;
import com.mmorpg.common.protocol.Authenticate;
import com.mmorpg.common.protocol.ClientMessage;
import com.mmorpg.common.protocol.MoveInput;
import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.mapserver.character.CharacterLoader;
import com.mmorpg.mapserver.character.CharacterNotFoundException;
import com.mmorpg.mapserver.net.ClientLink.Stage;
import com.mmorpg.mapserver.net.InboundGuard.Verdict;
import com.mmorpg.mapserver.net.TicketCheck.Accepted;
import com.mmorpg.mapserver.net.TicketCheck.Refused;
import com.mmorpg.mapserver.ops.MapServerMetrics;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KryoNet's listener, on KryoNet's network thread. It never touches the world: it checks who is
 * talking (the first message must be a valid ticket within the auth timeout), how much (rate
 * limits), and hands accepted messages to the world's queue. Loading the character happens on the
 * HTTP client's threads; the world learns of the player only once it is loaded.
 */
final class ConnectionGate extends Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final TicketCheck tickets;
    private final CharacterLoader characters;
    private final World world;
    private final MapServerMetrics metrics;
    private final int tickRate;
    private final Duration authTimeout;
    private final ScheduledExecutorService timers;
    private final OutboundQueue outbound;
    private final Map<Integer, ClientLink> links = new ConcurrentHashMap<>();
    private volatile boolean draining;

    ConnectionGate(TicketCheck tickets, CharacterLoader characters, World world, MapServerMetrics metrics, int tickRate,
            Duration authTimeout, ScheduledExecutorService timers, OutboundQueue outbound) {
        this.tickets = tickets;
        this.characters = characters;
        this.world = world;
        this.metrics = metrics;
        this.tickRate = tickRate;
        this.authTimeout = authTimeout;
        this.timers = timers;
        this.outbound = outbound;
    }

    void startDraining() {
        draining = true;
    }

    int connectionCount() {
        return links.size();
    }

    @Override
    public void connected(Connection connection) {
        ClientLink link = new ClientLink(connection, tickRate, outbound, timers);
        links.put(connection.getID(), link);
        if (draining) {
            refuse(link, "SERVER_DRAINING", "This map server is shutting down");
            return;
        }
        timers.schedule(() -> {
            if (link.stage == Stage.AWAITING_TICKET) {
                refuse(link, "AUTH_TIMEOUT", "No Authenticate within " + authTimeout.toMillis() + " ms");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void received(Connection connection, Object object) {
        if (object instanceof FrameworkMessage) {
            return;
        }
        ClientLink link = links.get(connection.getID());
        if (link == null) {
            return;
        }
        switch (link.stage) {
            case AWAITING_TICKET -> {
                if (object instanceof Authenticate authenticate) {
                    authenticate(link, authenticate);
                } else {
                    refuse(link, "AUTH_REQUIRED", "The first message must be Authenticate");
                }
            }
            case LOADING -> strike(link, "before_welcome");
            case IN_WORLD -> forward(link, object);
            case CLOSED -> {
                // late packets of a closed connection
            }
        }
    }

    private void forward(ClientLink link, Object object) {
        if (!(object instanceof ClientMessage message) || object instanceof Authenticate) {
            strike(link, "unexpected_message");
            return;
        }
        long now = System.nanoTime();
        Verdict verdict = message instanceof MoveInput ? link.guard.move(now) : link.guard.action(now);
        switch (verdict) {
            case ACCEPT -> {
                if (!world.submit(new Command.Input(link, message))) {
                    metrics.inputDropped("queue_full");
                }
            }
            case DROP -> metrics.inputDropped("rate_limited");
            case DISCONNECT -> {
                log.warn("Disconnecting flooding client link={} character={}", link.linkId(), link.characterId);
                metrics.disconnected("flooding");
                link.close(new Rejected("FLOODING", "Too many messages"));
            }
        }
    }

    private void strike(ClientLink link, String reason) {
        metrics.inputDropped(reason);
        if (link.guard.strike() == Verdict.DISCONNECT) {
            log.warn("Disconnecting client sending unexpected messages link={} character={}", link.linkId(), link.characterId);
            metrics.disconnected("protocol_violation");
            link.close(new Rejected("PROTOCOL_VIOLATION", "Unexpected messages"));
        }
    }

    private void authenticate(ClientLink link, Authenticate authenticate) {
        if (draining) {
            refuse(link, "SERVER_DRAINING", "This map server is shutting down");
            return;
        }
        switch (tickets.check(authenticate.ticket)) {
            case Refused refused -> refuse(link, refused.code(), refused.message());
            case Accepted accepted -> {
                link.stage = Stage.LOADING;
                link.characterId = accepted.ticket().characterId();
                String userId = accepted.ticket().userId();
                characters.load(link.characterId).whenComplete((sheet, error) -> loaded(link, userId, sheet, error));
            }
        }
    }

    private void loaded(ClientLink link, String userId, CharacterSheet sheet, Throwable error) {
        if (link.stage != Stage.LOADING) {
            return; // disconnected while loading
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CharacterNotFoundException) {
                refuse(link, "CHARACTER_NOT_FOUND", "The character no longer exists");
            } else {
                log.warn("Cannot load character={} link={}: {}", link.characterId, link.linkId(), cause.getMessage());
                refuse(link, "SERVICE_UNAVAILABLE", "Characters cannot be loaded right now; try again");
            }
            return;
        }
        if (!sheet.userId().equals(userId)) {
            refuse(link, "FORBIDDEN", "The ticket's account does not own this character");
            return;
        }
        link.stage = Stage.IN_WORLD;
        link.joined = true;
        metrics.loginAccepted();
        world.submit(new Command.Join(link, sheet));
    }

    private void refuse(ClientLink link, String code, String message) {
        metrics.loginRejected(code);
        log.info("Connection refused link={} character={} code={}", link.linkId(), link.characterId, code);
        link.close(new Rejected(code, message));
    }

    @Override
    public void disconnected(Connection connection) {
        ClientLink link = links.remove(connection.getID());
        if (link == null) {
            return;
        }
        link.stage = Stage.CLOSED;
        if (link.joined) {
            // also when the server closed it (flooding, replaced): the world ignores links it no longer knows
            world.submit(new Command.Leave(link));
        }
    }
}
