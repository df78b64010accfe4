package com.mmorpg.mapserver.net;

import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.MapTicketCodec.MapTicket;
import com.mmorpg.common.token.TicketReplayGuard;

/**
 * The map server's door: a ticket is accepted only when its signature is good (current or previous
 * {@code TICKET_SECRET}), it has not expired, it is addressed to this server and this map, and its
 * {@code jti} has never been presented here before.
 */
public final class TicketCheck {

    /** The outcome: the ticket, or the code and message the player gets before being disconnected. */
    public sealed interface Result {
    }

    public record Accepted(MapTicket ticket) implements Result {
    }

    public record Refused(String code, String message) implements Result {
    }

    private final MapTicketCodec codec;
    private final TicketReplayGuard replays;
    private final String serverId;
    private final int mapId;

    public TicketCheck(MapTicketCodec codec, TicketReplayGuard replays, String serverId, int mapId) {
        this.codec = codec;
        this.replays = replays;
        this.serverId = serverId;
        this.mapId = mapId;
    }

    /** The map this server runs. */
    public int mapId() {
        return mapId;
    }

    public Result check(String token) {
        MapTicket ticket;
        try {
            ticket = codec.verify(token, serverId, mapId);
        } catch (InvalidTokenException e) {
            return switch (e.reason()) {
                case EXPIRED -> new Refused("TICKET_EXPIRED", "The ticket has expired; ask the gateway for a new one");
                case WRONG_AUDIENCE -> new Refused("TICKET_WRONG_SERVER", "The ticket is for another map server");
                case WRONG_MAP -> new Refused("TICKET_WRONG_MAP", "The ticket is for another map");
                case BAD_SIGNATURE, MALFORMED -> new Refused("TICKET_INVALID", "The ticket is not valid");
            };
        }
        if (!replays.firstUse(ticket)) {
            return new Refused("TICKET_REPLAYED", "The ticket has already been used");
        }
        return new Accepted(ticket);
    }
}
