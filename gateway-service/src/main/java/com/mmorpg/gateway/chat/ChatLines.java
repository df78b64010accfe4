package com.mmorpg.gateway.chat;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Lines and their history: {@code chat_send} on {@code map}, {@code world}, {@code whisper} and
 * {@code party} (checked, muted or paced per account, published once through Redis to every gateway,
 * kept in the channel's history) and {@code chat_history} (paced, without the lines of those the asker
 * blocks, the newest that fit one frame). Text is never logged at INFO.
 */
@Component
class ChatLines {

    private static final Logger log = LoggerFactory.getLogger(ChatLines.class);

    private final ChatStore store;
    private final Parties parties;
    private final Frames frames;
    private final AccountPaces paces;
    private final MeterRegistry meters;
    private final GatewayProperties.Chat limits;
    /** Jetty refuses a frame over {@code max-frame-bytes} both ways (and the socket is dropped): a history answer fits it. */
    private final int maxFrameBytes;

    ChatLines(ChatStore store, Parties parties, Frames frames, AccountPaces paces, MeterRegistry meters,
            GatewayProperties properties) {
        this.store = store;
        this.parties = parties;
        this.frames = frames;
        this.paces = paces;
        this.meters = meters;
        this.limits = properties.chat();
        this.maxFrameBytes = properties.maxFrameBytes();
    }

    void send(Chatter chatter, Frames.Incoming incoming) throws GameError {
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
                        throw ChatFrames.offline(to);
                    }
                    if (target.characterId().equals(chatter.characterId())) {
                        throw new GameError("INVALID_MESSAGE", "You cannot whisper to yourself");
                    }
                    line.put("to", ChatFrames.person(target.characterId(), target.name()));
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

    void history(Chatter chatter, Frames.Incoming incoming) throws GameError {
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

    private static Map<String, Object> line(String id, String channel, Chatter chatter, String text, long now) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("channel", channel);
        line.put("from", ChatFrames.person(chatter.characterId(), chatter.name()));
        line.put("text", text);
        line.put("sent_at", now);
        return line;
    }

    /** Time-ordered and unique across gateways: the send time in hex, then 64 random bits. */
    private static String messageId(long nowMillis) {
        return Long.toHexString(nowMillis) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
