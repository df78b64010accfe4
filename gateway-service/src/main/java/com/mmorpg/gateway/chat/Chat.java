package com.mmorpg.gateway.chat;

import com.mmorpg.common.session.ChatMute;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.pace.AccountPaces;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Chat and parties (README "Chat"): {@code chat_send} on {@code map}, {@code world}, {@code whisper}
 * and {@code party}; {@code chat_history}; {@code chat_block}/{@code chat_unblock};
 * {@code party_invite}, {@code party_accept}, {@code party_leave}, {@code party_kick}. Lines go
 * through Redis to every gateway ({@link ChatDelivery} hands them out, this one's included); state
 * and history live in Redis ({@link ChatStore}, {@link Parties}). How fast an account may talk,
 * invite and ask for history is paced per account, across entries, sockets and gateways
 * ({@link AccountPaces}). Blocks are by character id and hold on every channel; to those it blocks, a
 * character is never in the world. Text is never logged at INFO.
 */
@Service
public class Chat {

    /** The events this class answers. */
    public static final Set<String> EVENTS = Set.of("chat_send", "chat_history", "chat_block", "chat_unblock",
            "party_invite", "party_accept", "party_leave", "party_kick");

    private static final Logger log = LoggerFactory.getLogger(Chat.class);
    private static final AtomicLong PRESENCES = new AtomicLong();

    private final ChatRoster roster;
    private final ChatStore store;
    private final Parties parties;
    private final Frames frames;
    private final AccountPaces paces;
    private final MeterRegistry meters;
    private final GatewayProperties.Chat limits;
    private final String gatewayId;
    /** Jetty refuses a frame over {@code max-frame-bytes} both ways (and the socket is dropped): a history answer fits it. */
    private final int maxFrameBytes;

    Chat(ChatRoster roster, ChatStore store, Parties parties, Frames frames, AccountPaces paces, MeterRegistry meters,
            GatewayProperties properties) {
        this.paces = paces;
        this.roster = roster;
        this.store = store;
        this.parties = parties;
        this.frames = frames;
        this.meters = meters;
        this.limits = properties.chat();
        this.gatewayId = properties.gatewayId();
        this.maxFrameBytes = properties.maxFrameBytes();
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
                case "chat_send" -> send(chatter, incoming);
                case "chat_history" -> history(chatter, incoming);
                case "chat_block" -> block(chatter, incoming, true);
                case "chat_unblock" -> block(chatter, incoming, false);
                case "party_invite" -> invite(chatter, incoming);
                case "party_accept" -> accept(chatter, incoming);
                case "party_leave" -> depart(chatter, parties.leave(chatter), "left");
                case "party_kick" -> depart(chatter, parties.kick(chatter, ChatText.name(incoming.string("name"), "party_kick")),
                        "kicked");
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
            roster.joinParty(chatter, entry.partyId());
            chatter.loaded(true);
        } catch (DataAccessException e) {
            chatter.loaded(false);
            log.warn("Chat state of character={} not read ({}); retried on its next chat request", chatter.characterId(),
                    e.getMessage());
        }
    }

    private void send(Chatter chatter, Frames.Incoming incoming) throws GameError {
        String channel = incoming.text("channel", 16);
        if (channel == null || !Set.of("map", "world", "whisper", "party").contains(channel)) {
            throw new GameError("INVALID_MESSAGE", "chat_send needs data.channel: map, world, whisper or party");
        }
        String text = ChatText.clean(incoming.string("text"), limits.maxChars());
        String to = channel.equals("whisper") ? ChatText.name(incoming.string("to"), "A whisper") : null;
        long now = System.currentTimeMillis();
        if (chatter.mutedAt(now)) {
            throw new GameError("CHAT_MUTED", chatter.mutedUntil() == Chatter.FOREVER ? "You are muted"
                    : "You are muted until " + Instant.ofEpochMilli(chatter.mutedUntil()));
        }
        AccountPaces.Verdict pace = paces.admit(AccountPaces.Kind.CHAT, chatter.userId());
        if (!pace.admitted()) {
            throw new GameError("CHAT_RATE_LIMITED", "You are talking too fast; wait " + pace.secondsToWait() + " s");
        }
        boolean worldSpent = false;
        try {
            if (channel.equals("world")) {
                AccountPaces.Verdict world = paces.admit(AccountPaces.Kind.WORLD_CHAT, chatter.userId());
                if (!world.admitted()) {
                    throw new GameError("CHAT_RATE_LIMITED", "The world channel is slower; wait " + world.secondsToWait() + " s");
                }
                worldSpent = true;
            }
            String id = messageId(now);
            Map<String, Object> line = line(id, channel, chatter, text, now);
            String sender = chatter.characterId();
            switch (channel) {
                case "map" -> {
                    line.put("map_id", String.valueOf(chatter.mapId()));
                    say(ChatEnvelope.MAP, line, frame -> ChatEnvelope.map(chatter.mapId(), sender, frame),
                            ChatStore.mapHistory(chatter.mapId()), Duration.ZERO);
                }
                case "world" -> say(ChatEnvelope.WORLD, line, frame -> ChatEnvelope.world(sender, frame),
                        ChatStore.worldHistory(), Duration.ZERO);
                case "party" -> {
                    String party = chatter.partyId();
                    if (party == null) {
                        throw new GameError("NOT_IN_PARTY", "You are not in a party");
                    }
                    say(ChatEnvelope.PARTY, line, frame -> ChatEnvelope.party(party, sender, frame), ChatStore.partyHistory(party),
                            parties.idleTtl());
                }
                default -> {
                    // Someone who blocks the sender is answered exactly as if offline: a blocked player learns
                    // nothing of when the blocker plays (a delivered-like answer could not be given while the
                    // blocker is offline: who is behind an offline name is not known here).
                    ChatStore.Online target = store.online(to, chatter.characterId());
                    if (target == null) {
                        throw offline(to);
                    }
                    if (target.characterId().equals(chatter.characterId())) {
                        throw new GameError("INVALID_MESSAGE", "You cannot whisper to yourself");
                    }
                    line.put("to", person(target.characterId(), target.name()));
                    String frame = frames.wrap("chat_message", frames.json(line));
                    store.publish(ChatEnvelope.DIRECT, ChatEnvelope.whisper(chatter.characterId(), target.characterId(), sender, frame));
                }
            }
            meters.counter("gateway.chat.messages", "channel", channel).increment();
            log.debug("chat character={} channel={} id={} chars={}", chatter.characterId(), channel, id, text.length());
            chatter.send(frames.event("chat_sent", Map.of("id", id, "channel", channel)));
        } catch (GameError | RuntimeException e) {
            // a line that did not go costs nothing (a flood is still caught by the message rate)
            paces.refund(AccountPaces.Kind.CHAT, chatter.userId());
            if (worldSpent) {
                paces.refund(AccountPaces.Kind.WORLD_CHAT, chatter.userId());
            }
            throw e;
        }
    }

    private interface Envelope {
        String around(String frame);
    }

    private void say(String channel, Map<String, Object> line, Envelope envelope, String history, Duration historyTtl) {
        String entry = frames.json(line);
        store.say(channel, envelope.around(frames.wrap("chat_message", entry)), history, entry, limits.historySize(), historyTtl);
    }

    private void history(Chatter chatter, Frames.Incoming incoming) throws GameError {
        String channel = incoming.text("channel", 16);
        String key;
        if ("map".equals(channel)) {
            key = ChatStore.mapHistory(chatter.mapId());
        } else if ("world".equals(channel)) {
            key = ChatStore.worldHistory();
        } else if ("party".equals(channel)) {
            String party = chatter.partyId();
            if (party == null) {
                throw new GameError("NOT_IN_PARTY", "You are not in a party");
            }
            key = ChatStore.partyHistory(party);
        } else {
            throw new GameError("INVALID_MESSAGE", "chat_history needs data.channel: map, world or party");
        }
        // each answer is up to history-size lines: paced per account, like lines are
        AccountPaces.Verdict pace = paces.admit(AccountPaces.Kind.CHAT_HISTORY, chatter.userId());
        if (!pace.admitted()) {
            throw new GameError("CHAT_RATE_LIMITED", "Too many history requests; wait " + pace.secondsToWait() + " s");
        }
        List<JsonNode> messages = new ArrayList<>();
        for (String stored : store.history(key, limits.historySize())) {
            try {
                JsonNode message = frames.read(stored);
                String from = message.path("from").path("character_id").asString("");
                if (!chatter.blocks(from)) {
                    messages.add(message);
                }
            } catch (RuntimeException e) {
                meters.counter("gateway.chat.envelopes", "outcome", "malformed").increment();
            }
        }
        String answer = frames.event("chat_history", Map.of("channel", channel, "messages", messages));
        while (utf8Length(answer) > maxFrameBytes && !messages.isEmpty()) {
            messages.removeFirst(); // the oldest lines give way: the newest that fit one frame are answered
            answer = frames.event("chat_history", Map.of("channel", channel, "messages", messages));
        }
        chatter.send(answer);
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
        return bytes;
    }

    /**
     * Blocks are by character id (a name may be taken again by a new character once its owner deleted
     * it; an id never is), so blocking needs the character in the world to learn its id; the list
     * answered holds names.
     */
    private void block(Chatter chatter, Frames.Incoming incoming, boolean block) throws GameError {
        String event = block ? "chat_block" : "chat_unblock";
        String typed = ChatText.name(incoming.string("name"), event);
        String name = ChatStore.lower(typed);
        if (block) {
            if (name.equals(ChatStore.lower(chatter.name()))) {
                throw new GameError("INVALID_MESSAGE", "You cannot block yourself");
            }
            ChatStore.Online target = store.online(name, chatter.characterId());
            if (target == null) {
                throw offline(typed);
            }
            if (!chatter.blocked().containsKey(target.characterId()) && chatter.blocked().size() >= limits.maxBlocks()) {
                throw new GameError("BLOCK_LIST_FULL", "Your block list holds at most " + limits.maxBlocks() + " names");
            }
            store.block(chatter.characterId(), target.characterId(), name, limits.blockTtl());
            chatter.blocked().put(target.characterId(), name);
        } else {
            for (Map.Entry<String, String> blocked : List.copyOf(chatter.blocked().entrySet())) {
                if (blocked.getValue().equals(name)) {
                    store.unblock(chatter.characterId(), blocked.getKey(), limits.blockTtl());
                    chatter.blocked().remove(blocked.getKey());
                }
            }
        }
        chatter.send(frames.event(block ? "chat_blocked" : "chat_unblocked",
                Map.of("name", name, "blocked", List.copyOf(chatter.blocked().values()))));
    }

    /** What a name that is not in the world (or whose character blocks the asker) is answered. */
    private static GameError offline(String name) {
        return new GameError("PLAYER_OFFLINE", name + " is not in the world");
    }

    private void invite(Chatter inviter, Frames.Incoming incoming) throws GameError {
        String name = ChatText.name(incoming.string("name"), "party_invite");
        AccountPaces.Verdict pace = paces.admit(AccountPaces.Kind.CHAT, inviter.userId());
        if (!pace.admitted()) {
            throw new GameError("CHAT_RATE_LIMITED", "Too many invitations; wait " + pace.secondsToWait() + " s");
        }
        ChatStore.Online invitee = store.online(name, inviter.characterId()); // one who blocks the inviter seems offline
        if (invitee == null) {
            throw offline(name);
        }
        if (invitee.characterId().equals(inviter.characterId())) {
            throw new GameError("INVALID_MESSAGE", "You cannot invite yourself");
        }
        Parties.Party party = parties.invite(inviter, invitee.characterId());
        if (!party.id().equals(inviter.partyId())) { // made now: the inviter leads a party of one
            roster.joinParty(inviter, party.id());
            inviter.send(frames.event("party_update", update(party, null)));
        }
        Map<String, Object> invitation = new LinkedHashMap<>();
        invitation.put("party_id", party.id());
        invitation.put("from", person(inviter.characterId(), inviter.name()));
        invitation.put("expires_in", parties.inviteTtl().toSeconds());
        store.publish(ChatEnvelope.DIRECT, ChatEnvelope.direct(List.of(invitee.characterId()), inviter.characterId(),
                frames.event("party_invitation", invitation)));
        meters.counter("gateway.party", "action", "invite").increment();
        inviter.send(frames.event("party_invited", Map.of("party_id", party.id(), "name", invitee.name())));
    }

    private void accept(Chatter invitee, Frames.Incoming incoming) throws GameError {
        String partyId = incoming.id("party_id");
        if (partyId == null) {
            throw new GameError("INVALID_MESSAGE", "party_accept needs data.party_id (a party id)");
        }
        Parties.Party party = parties.accept(invitee, partyId);
        roster.joinParty(invitee, party.id());
        meters.counter("gateway.party", "action", "join").increment();
        log.info("Party {} joined character={} members={}", party.id(), invitee.characterId(), party.members().size());
        invitee.send(frames.event("party_joined", Map.of("party_id", party.id())));
        store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(party.id(), List.copyOf(party.members().keySet()),
                frames.event("party_update", update(party, null))));
    }

    /** After a leave or a kick: the one who went, and the rest (or, when the party ended, its last member) are told. */
    private void depart(Chatter actor, Parties.Departure departure, String reason) {
        String action = reason;
        if (departure.characterId().equals(actor.characterId())) {
            roster.joinParty(actor, null);
        }
        meters.counter("gateway.party", "action", action).increment();
        log.info("Party {} {} character={} by={}{}", departure.partyId(), reason, departure.characterId(),
                actor.characterId(), departure.disbanded() ? " (disbanded)" : "");
        Map<String, Object> gone = update(null, reason);
        store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(null, List.of(departure.characterId()),
                frames.event("party_update", gone)));
        if (departure.disbanded()) {
            if (!departure.formerMembers().isEmpty()) {
                store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(null, List.copyOf(departure.formerMembers().keySet()),
                        frames.event("party_update", update(null, "disbanded"))));
            }
        } else {
            Parties.Party rest = departure.remaining();
            store.publish(ChatEnvelope.PARTY, ChatEnvelope.partyChange(rest.id(), List.copyOf(rest.members().keySet()),
                    frames.event("party_update", update(rest, null))));
        }
        actor.send(frames.event(action.equals("kicked") ? "party_kicked" : "party_left",
                Map.of("party_id", departure.partyId())));
    }

    private static Map<String, Object> update(Parties.Party party, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("party_id", party == null ? null : party.id());
        data.put("leader", party == null ? null : party.leader());
        List<Map<String, Object>> members = new ArrayList<>();
        if (party != null) {
            party.members().forEach((id, name) -> members.add(person(id, name)));
        }
        data.put("members", members);
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    private static Map<String, Object> line(String id, String channel, Chatter chatter, String text, long now) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("channel", channel);
        line.put("from", person(chatter.characterId(), chatter.name()));
        line.put("text", text);
        line.put("sent_at", now);
        return line;
    }

    private static Map<String, Object> person(String characterId, String name) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("character_id", characterId);
        person.put("name", name);
        return person;
    }

    /** Time-ordered and unique across gateways: the send time in hex, then 64 random bits. */
    private static String messageId(long nowMillis) {
        return Long.toHexString(nowMillis) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
