package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.chat.Chat;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each message a player sends: counted against its connection's rate ({@link FloodGuard}), parsed,
 * counted by event and handed to its
 * handler ({@code ping}, {@code enter_world}/{@code join_map} to {@link WorldRequests}, {@code reauth}
 * to {@link PlayerSessions}, chat and party events to {@link Chat}); anything else is answered
 * {@code UNKNOWN_EVENT}. Each connection's messages arrive one at a time on a virtual thread, so a
 * blocking call to auth-service or world-directory holds up only that player.
 */
@Component
class MessageRouter {

    private final FloodGuard floodGuard;
    private final PlayerSessions sessions;
    private final WorldRequests world;
    private final Chat chat;
    private final Frames frames;
    private final Replies replies;
    private final MeterRegistry meters;

    MessageRouter(FloodGuard floodGuard, PlayerSessions sessions, WorldRequests world, Chat chat, Frames frames,
            Replies replies, MeterRegistry meters) {
        this.floodGuard = floodGuard;
        this.sessions = sessions;
        this.world = world;
        this.chat = chat;
        this.frames = frames;
        this.replies = replies;
        this.meters = meters;
    }

    /** One whole message (a text frame, or a binary frame of UTF-8) from the player. */
    void message(PlayerConnection connection, String payload) {
        if (!floodGuard.admitted(connection)) {
            return;
        }
        Frames.Incoming incoming;
        try {
            incoming = frames.parse(payload);
        } catch (Frames.MalformedFrameException e) {
            replies.error(connection, "INVALID_MESSAGE", e.getMessage());
            return;
        }
        meters.counter("gateway.messages", "event", known(incoming.event())).increment();
        switch (incoming.event()) {
            case "ping" -> connection.send(frames.event("pong", Map.of()));
            case "enter_world" -> world.enterWorld(connection, incoming);
            case "join_map" -> world.joinMap(connection, incoming);
            case "reauth" -> sessions.reauth(connection, incoming);
            default -> {
                if (Chat.EVENTS.contains(incoming.event())) {
                    chat(connection, incoming);
                } else {
                    replies.error(connection, "UNKNOWN_EVENT", "Unknown event");
                }
            }
        }
    }

    /** A binary frame that is not UTF-8: answered, not closed (counted against the message rate). */
    void undecodable(PlayerConnection connection) {
        if (floodGuard.admitted(connection)) {
            replies.error(connection, "INVALID_MESSAGE", "A binary frame must carry UTF-8 JSON");
        }
    }

    /**
     * A WebSocket ping or pong from the client: proof of life, and counted against the same message
     * rate (Jetty answers every ping with a pong, so a ping flood would otherwise cost a write each).
     */
    void control(PlayerConnection connection) {
        floodGuard.admitted(connection);
    }

    /** A chat or party request: answered by its own event, or refused with {@code error {code}}. */
    private void chat(PlayerConnection connection, Frames.Incoming incoming) {
        try {
            chat.handle(connection.chatter(), incoming.event(), incoming);
        } catch (GameError e) {
            if (e.code().equals("CHAT_RATE_LIMITED")) {
                floodGuard.limited(connection, e.code(), e.getMessage(), true);
            } else {
                replies.error(connection, e.code(), e.getMessage());
            }
        }
    }

    private static String known(String event) {
        return switch (event) {
            case "ping", "enter_world", "join_map", "reauth" -> event;
            default -> Chat.EVENTS.contains(event) ? event : "unknown";
        };
    }
}
