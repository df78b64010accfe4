package com.mmorpg.mapserver.net;

import com.mmorpg.common.token.MapTicketCodec.MapTicket;
import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.character.CharacterNotFoundException;
import com.mmorpg.mapserver.sim.CharacterSheet;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.World;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket was accepted: the character's lease is taken from auth-service off the event loop and
 * the character checked against the ticket (its account, its map); then the connection joins the
 * world. A lease that arrives for a connection already gone is handed to the world, which gives it
 * back. Messages meanwhile cost a strike.
 */
final class LoadingPhase implements ConnectionPhase {

    /** The log lines keep the category operators know them by. */
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    /**
     * From an accepted ticket to the character in hand: waiting for this server's pending write of
     * it, a handover from another server ({@code HANDOVER_WAIT}) and auth-service's answers.
     */
    static final Duration LOAD_BUDGET = Duration.ofSeconds(10);

    private final LeaseKeeper characters;
    private final World world;
    private final int mapId;
    private final ConnectionTable table;
    private final Bouncer bouncer;
    private final NetObserver observer;
    private final ConnectionPhase next;
    private final Executor loop;

    LoadingPhase(LeaseKeeper characters, World world, int mapId, ConnectionTable table, Bouncer bouncer,
            NetObserver observer, ConnectionPhase next, Executor loop) {
        this.characters = characters;
        this.world = world;
        this.mapId = mapId;
        this.table = table;
        this.bouncer = bouncer;
        this.observer = observer;
        this.next = next;
        this.loop = loop;
    }

    @Override
    public Stage stage() {
        return Stage.AUTHENTICATING;
    }

    @Override
    public void message(ClientLink link, ClientMessage message, boolean tcp) {
        bouncer.strike(link, "before_welcome", tcp);
    }

    @Override
    public void undecodable(ClientLink link) {
        bouncer.hostile(link, "decode_error");
    }

    /** Starts loading the character of an accepted ticket. */
    void load(ClientLink link, MapTicket ticket) {
        table.leavePending(link); // a signed, single-use ticket: authenticated, however long the character takes to load
        table.enter(link, this);
        link.characterId = ticket.characterId();
        String userId = ticket.userId();
        CompletableFuture<LeaseKeeper.Granted> taking = characters.take(link.characterId, ticket.jti(), ticket.sessionId());
        taking.copy().orTimeout(LOAD_BUDGET.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((granted, error) -> loaded(link, userId, granted, error, taking), loop);
    }

    private void loaded(ClientLink link, String userId, LeaseKeeper.Granted granted, Throwable error,
            CompletableFuture<LeaseKeeper.Granted> taking) {
        if (error instanceof TimeoutException) { // a lease granted after all is given back by the world (the link is gone)
            taking.thenAccept(late -> world.submit(new Command.Join(link, late.sheet(), late.leaseId())));
        }
        if (error != null) {
            if (link.phase != this || link.closing()) {
                return; // disconnected while loading
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            switch (cause) {
                case CharacterNotFoundException missing ->
                        bouncer.refuse(link, "CHARACTER_NOT_FOUND", "The character no longer exists", "login_refused");
                case LeaseKeeper.LeaseRefusedException refused ->
                        bouncer.refuse(link, refused.code(), refused.getMessage(), "login_refused");
                default -> {
                    log.warn("Cannot load character={} link={}: {}", link.characterId, link.linkId(), cause.getMessage());
                    bouncer.refuse(link, "SERVICE_UNAVAILABLE", "Characters cannot be loaded right now; try again", "login_refused");
                }
            }
            return;
        }
        CharacterSheet sheet = granted.sheet();
        if (link.phase != this || link.closing()) {
            world.submit(new Command.Join(link, sheet, granted.leaseId())); // gone: the world gives the lease back if unused
            return;
        }
        if (!sheet.userId().equals(userId) || sheet.mapId() != mapId) {
            if (!granted.resumed()) {
                characters.release(link.characterId, granted.leaseId());
            }
            if (!sheet.userId().equals(userId)) {
                bouncer.refuse(link, "FORBIDDEN", "The ticket's account does not own this character", "login_refused");
            } else {
                bouncer.refuse(link, "TICKET_WRONG_MAP", "The character is on map " + sheet.mapId(), "login_refused");
            }
            return;
        }
        link.joined = true;
        table.enter(link, next);
        observer.loginAccepted();
        world.submit(new Command.Join(link, sheet, granted.leaseId()));
    }
}
