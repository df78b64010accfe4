package com.mmorpg.mapserver.net;

import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.mapserver.net.TicketCheck.Accepted;
import com.mmorpg.mapserver.net.TicketCheck.Refused;
import java.util.function.BooleanSupplier;

/**
 * UDP is bound; the first game message must be {@code Authenticate} with a ticket this server
 * accepts (signed, unexpired, addressed to this server and map, never seen). Anything else, or a
 * refused ticket, ends the connection with {@code Rejected}; an accepted one starts loading the
 * character.
 */
final class AwaitingTicketPhase implements ConnectionPhase {

    private final TicketCheck tickets;
    private final Bouncer bouncer;
    private final LoadingPhase next;
    private final BooleanSupplier draining;

    AwaitingTicketPhase(TicketCheck tickets, Bouncer bouncer, LoadingPhase next, BooleanSupplier draining) {
        this.tickets = tickets;
        this.bouncer = bouncer;
        this.next = next;
        this.draining = draining;
    }

    @Override
    public Stage stage() {
        return Stage.AUTHENTICATING;
    }

    @Override
    public boolean awaitingLogin() {
        return true;
    }

    @Override
    public void message(ClientLink link, ClientMessage message, boolean tcp) {
        if (tcp && message instanceof Authenticate authenticate) {
            authenticate(link, authenticate);
        } else {
            bouncer.refuse(link, "AUTH_REQUIRED", "The first message must be Authenticate", "auth_required");
        }
    }

    @Override
    public void undecodable(ClientLink link) {
        bouncer.hostile(link, "decode_error");
    }

    private void authenticate(ClientLink link, Authenticate authenticate) {
        if (draining.getAsBoolean()) {
            bouncer.refuse(link, "SERVER_DRAINING", "This map server is shutting down", "draining");
            return;
        }
        switch (tickets.check(authenticate.ticket)) {
            case Refused refused -> bouncer.refuse(link, refused.code(), refused.message(), "login_refused");
            case Accepted accepted -> next.load(link, accepted.ticket());
        }
    }
}
