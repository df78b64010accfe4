package com.mmorpg.gateway.chat;

import com.mmorpg.common.session.ChatMute;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.pace.AccountPaces;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The front door of chat, parties and presence (README "Chat"): a character's presence from
 * {@code enter_world} to its leaving (its name reachable for whispers, its mute, blocks and party read
 * from Redis at entry and refreshed), staff mutes, and each request handed to its room: lines and
 * history ({@link ChatLines}), block lists ({@link BlockLists}), parties ({@link PartyRequests}).
 * Lines go through Redis to every gateway ({@link ChatDelivery} hands them out, this one's included).
 * How fast an account may talk, invite and ask for history is paced per account, across entries,
 * sockets and gateways ({@link AccountPaces}).
 */
@Service
public class Chat {

    /** The events of chat, parties and presence: the gateway hands each to {@link #handle}. */
    public static final Set<String> EVENTS = Set.of("chat_send", "chat_history", "chat_block", "chat_unblock",
            "party_invite", "party_accept", "party_leave", "party_kick");

    private static final Logger log = LoggerFactory.getLogger(Chat.class);
    private static final AtomicLong PRESENCES = new AtomicLong();

    private final ChatRoster roster;
    private final ChatStore store;
    private final PartyMembership membership;
    private final ChatLines lines;
    private final BlockLists blocks;
    private final PartyRequests partyRequests;
    private final MeterRegistry meters;
    private final GatewayProperties.Chat limits;
    private final String gatewayId;

    Chat(ChatRoster roster, ChatStore store, PartyMembership membership, ChatLines lines, BlockLists blocks,
            PartyRequests partyRequests, MeterRegistry meters, GatewayProperties properties) {
        this.roster = roster;
        this.store = store;
        this.membership = membership;
        this.lines = lines;
        this.blocks = blocks;
        this.partyRequests = partyRequests;
        this.meters = meters;
        this.limits = properties.chat();
        this.gatewayId = properties.gatewayId();
    }

    /**
     * The character entered the world through {@code link} ({@code enter_world} succeeded): it may talk
     * now. {@code previous} is the same connection's earlier character, which leaves chat.
     */
    public Chatter entered(Chatter.Link link, Chatter previous, String userId, String characterId, String name,
            int mapId) {
        if (previous != null) {
            left(previous);
        }
        Chatter chatter = new Chatter(link, userId, characterId, name, mapId,
                gatewayId + "/" + PRESENCES.incrementAndGet());
        roster.add(chatter);
        load(chatter);
        return chatter;
    }

    /** The character moved to {@code mapId} through a gate ({@code join_map} succeeded). */
    public void moved(Chatter chatter, int mapId) {
        roster.moveTo(chatter, mapId);
    }

    /** The connection closed or entered with another character. */
    public void left(Chatter chatter) {
        if (!roster.remove(chatter)) {
            return;
        }
        try {
            store.leave(chatter);
        } catch (DataAccessException e) {
            log.debug("could not give up name character={}: {}", chatter.characterId(), e.toString());
        }
    }

    /** Support staff muted (until > now) or unmuted a user: takes effect on this gateway now. */
    public void muted(ChatMute mute) {
        for (Chatter chatter : roster.all()) {
            if (chatter.userId().equals(mute.userId())) {
                chatter.mutedUntil(mute.untilMillis());
                log.info("Chat mute user={} character={} until={}", mute.userId(), chatter.characterId(),
                        mute.untilMillis() == 0 ? "lifted" : mute.forever() ? "forever" : Instant.ofEpochMilli(mute.untilMillis()));
            }
        }
    }

    /** One chat or party request; {@code chatter} is null while the connection has not entered the world. */
    public void handle(Chatter chatter, String event, Frames.Incoming incoming) throws GameError {
        if (chatter == null) {
            throw new GameError("NOT_IN_WORLD", "Enter the world with a character first");
        }
        try {
            if (!chatter.loaded()) {
                load(chatter);
            }
            switch (event) {
                case "chat_send" -> lines.send(chatter, incoming);
                case "chat_history" -> lines.history(chatter, incoming);
                case "chat_block" -> blocks.block(chatter, incoming, true);
                case "chat_unblock" -> blocks.block(chatter, incoming, false);
                case "party_invite" -> partyRequests.invite(chatter, incoming);
                case "party_accept" -> partyRequests.accept(chatter, incoming);
                case "party_leave" -> partyRequests.leave(chatter);
                case "party_kick" -> partyRequests.kick(chatter, incoming);
                default -> throw new GameError("UNKNOWN_EVENT", "Unknown event");
            }
        } catch (DataAccessException e) {
            meters.counter("gateway.chat.unavailable").increment();
            log.warn("chat unavailable event={} character={}: {}", event, chatter.characterId(), e.getMessage());
            throw new GameError("SERVICE_UNAVAILABLE", "Chat is temporarily unavailable, try again shortly");
        }
    }

    /** Keeps the names of this gateway's players reachable, and reads the state of those whose entry could not. */
    @Scheduled(fixedDelayString = "${gateway.chat.presence-refresh:30s}", initialDelayString = "${gateway.chat.presence-refresh:30s}")
    void refreshPresence() {
        List<Chatter> all = new ArrayList<>(roster.all());
        try {
            store.refresh(all, limits.presenceTtl());
            for (Chatter chatter : all) {
                if (!chatter.loaded()) {
                    load(chatter);
                }
            }
        } catch (DataAccessException e) {
            log.warn("Could not refresh {} chat name(s) ({}); they expire unless the next refresh succeeds", all.size(),
                    e.getMessage());
        }
    }

    private void load(Chatter chatter) {
        try {
            ChatStore.Entry entry = store.enter(chatter, limits.presenceTtl(), limits.blockTtl());
            chatter.mutedUntil(entry.mutedUntil());
            chatter.blocked().clear();
            chatter.blocked().putAll(entry.blocked());
            membership.place(chatter, entry.partyId());
            chatter.loaded(true);
        } catch (DataAccessException e) {
            chatter.loaded(false);
            log.warn("Chat state of character={} not read ({}); retried on its next chat request", chatter.characterId(),
                    e.getMessage());
        }
    }

}
