package com.mmorpg.gateway.connection;

import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.internal.Sessions;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.gateway.chat.Chat;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.pace.AccountPaces;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import com.mmorpg.gateway.world.EntryGrant;
import com.mmorpg.gateway.world.SessionDirectory;
import com.mmorpg.gateway.world.WorldEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway protocol at {@code /ws} ({@link WebSocketEndpoint} and {@link GatewaySocket} are the
 * transport). The access token is checked before anything else: a bad one gets close 1008 "Invalid
 * token" and no other frame. Each connection's messages arrive one at a time on a virtual thread,
 * so the blocking calls to auth-service and world-directory (bounded by their timeout) hold up only
 * that player. Binary frames carrying UTF-8 JSON are taken like text frames (Godot's
 * {@code WebSocketPeer} sends binary by default); answers are text.
 */
@Component
class GatewayWebSocketHandler {

    static final CloseStatus INVALID_TOKEN = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Invalid token");
    static final CloseStatus RATE_LIMIT_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Rate limit exceeded");
    static final CloseStatus REPLACED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session replaced");
    static final CloseStatus REVOKED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session revoked");
    static final CloseStatus EXPIRED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session expired");
    static final CloseStatus KICKED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Kicked");

    private static final Logger log = LoggerFactory.getLogger(GatewayWebSocketHandler.class);

    private final AccessTokenCodec accessTokens;
    private final Revocations revocations;
    private final ConnectedPlayers players;
    private final SessionDirectory sessions;
    private final WorldEntry world;
    private final Chat chat;
    private final Frames frames;
    private final GatewayProperties properties;
    private final AccountPaces paces;
    private final PlayerConnection.Outbound outbound;
    private final MeterRegistry meters;

    GatewayWebSocketHandler(AccessTokenCodec accessTokens, Revocations revocations, ConnectedPlayers players,
            SessionDirectory sessions, WorldEntry world, Chat chat, Frames frames, GatewayProperties properties,
            AccountPaces paces, MeterRegistry meters) {
        this.paces = paces;
        this.outbound = PlayerConnection.Outbound.of(properties.maxOutboundBytes(), meters);
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.players = players;
        this.sessions = sessions;
        this.world = world;
        this.chat = chat;
        this.frames = frames;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * A socket opened with {@code presentedToken} (null when none was presented): the player's
     * connection, or null when refused (the close is on its way).
     */
    PlayerConnection opened(CoreSession session, String presentedToken) {
        AccessTokenCodec.AccessToken token;
        try {
            token = accessTokens.verify(presentedToken);
        } catch (InvalidTokenException e) {
            meters.counter("gateway.handshake.rejected", "reason", e.getMessage()).increment();
            log.info("Connection refused: {} remote={}", e.getMessage(), session.getRemoteAddress());
            session.close(INVALID_TOKEN, Callback.NOOP);
            return null;
        }
        if (revocations.isRevoked(token)) {
            meters.counter("gateway.handshake.rejected", "reason", "revoked").increment();
            log.info("Connection refused: session revoked user={} remote={}", token.userId(), session.getRemoteAddress());
            session.close(REVOKED_CLOSE, Callback.NOOP);
            return null;
        }
        String userId = token.userId();
        PlayerConnection connection = new PlayerConnection(session, token, properties.messagesPerSecond(),
                ThreadLocalRandom.current().nextLong(properties.pingInterval().toNanos()), outbound);
        PlayerConnection displaced = players.add(connection);
        if (displaced != null) {
            replace(displaced);
        }
        announce(connection);
        connection.send(frames.event("welcome", Map.of("message", "Connected to Gateway", "user_id", userId)));
        // ids also as key-value pairs: fields of their own with LOG_FORMAT=json
        log.atInfo().addKeyValue("user_id", userId).log("User {} connected connection={}", userId, connection.id());
        return connection;
    }

    /** Tells world-directory this user is online here; an older session elsewhere is reported replaced. */
    void announce(PlayerConnection connection) {
        try {
            Sessions.OnlineReply online = sessions.online(connection.userId());
            String replaced = online.replaced();
            connection.markAnnounced(online.since());
            if (replaced != null && !replaced.equals(sessions.gatewayId())) {
                log.info("User {} moved here from gateway {}; that gateway is told at once and drops its connection",
                        connection.userId(), replaced);
            }
        } catch (ServiceUnavailableException e) {
            log.warn("Could not mark user {} online ({}); retrying on the next session refresh", connection.userId(),
                    e.getMessage());
        }
    }

    void replace(PlayerConnection older) {
        meters.counter("gateway.sessions.replaced").increment();
        log.atInfo().addKeyValue("user_id", older.userId())
                .log("Session replaced user={} connection={}", older.userId(), older.id());
        older.send(frames.error("SESSION_REPLACED", "You logged in from somewhere else"));
        older.close(REPLACED_CLOSE);
    }

    /** The connection's session was revoked (logout, token reuse, session limit, ban). */
    void revoke(PlayerConnection connection, String reason) {
        meters.counter("gateway.sessions.ended", "reason", "revoked").increment();
        log.atInfo().addKeyValue("user_id", connection.userId())
                .log("Session revoked user={} connection={} reason={}", connection.userId(), connection.id(), reason);
        connection.send(frames.error("SESSION_REVOKED", "Your session was ended; log in again"));
        connection.close(REVOKED_CLOSE);
    }

    /** Support staff kicked the player: not a ban, the client may connect again. */
    void kick(PlayerConnection connection) {
        meters.counter("gateway.sessions.ended", "reason", "kicked").increment();
        log.atInfo().addKeyValue("user_id", connection.userId())
                .log("Kicked by staff user={} connection={}", connection.userId(), connection.id());
        connection.send(frames.error("KICKED", "You were removed from the world by support staff"));
        connection.close(KICKED_CLOSE);
    }

    /** A system message from support staff, to every player connected here; returns how many got it. */
    int announce(String message) {
        String frame = frames.event("announcement", java.util.Map.of("message", message));
        int told = 0;
        for (PlayerConnection connection : players.all()) {
            connection.send(frame);
            told++;
        }
        meters.counter("gateway.announcements").increment();
        log.info("Announcement sent to {} connection(s)", told);
        return told;
    }

    /** The connection's access token ran out without a {@code reauth}. */
    void expire(PlayerConnection connection) {
        meters.counter("gateway.sessions.ended", "reason", "expired").increment();
        log.atInfo().addKeyValue("user_id", connection.userId())
                .log("Session expired user={} connection={}", connection.userId(), connection.id());
        connection.send(frames.error("SESSION_EXPIRED", "Your access token expired; refresh it and reconnect"));
        connection.close(EXPIRED_CLOSE);
    }

    /** A binary frame that is not UTF-8: answered, not closed (counted against the message rate). */
    void undecodable(PlayerConnection connection) {
        if (admitted(connection)) {
            sendError(connection, "INVALID_MESSAGE", "A binary frame must carry UTF-8 JSON");
        }
    }

    /**
     * A WebSocket ping or pong from the client: proof of life, and counted against the same message
     * rate (Jetty answers every ping with a pong, so a ping flood would otherwise cost a write each).
     */
    void control(PlayerConnection connection) {
        admitted(connection);
    }

    /**
     * Counts one inbound message against the connection's rate: true when it may be handled; over
     * the rate it is dropped, answered RATE_LIMITED now and then, and a streak of refusals closes
     * the connection 1008.
     */
    private boolean admitted(PlayerConnection connection) {
        connection.touch();
        if (connection.admit()) {
            return true;
        }
        limited(connection, "RATE_LIMITED", "Too many messages, slow down", false);
        return false;
    }

    /**
     * A refused message of a flood: counted, and a streak of them closes the connection 1008. Over the
     * message rate ({@code RATE_LIMITED}) it is answered only now and then (each answer would be a
     * write the flood bought); {@code CHAT_RATE_LIMITED} always, since that line got past the message
     * rate and a client waits for its answer.
     */
    private void limited(PlayerConnection connection, String code, String message, boolean alwaysAnswer) {
        int strikes = connection.strike();
        meters.counter("gateway.errors", "code", code).increment();
        if (strikes >= properties.rateLimitStrikes()) {
            if (strikes == properties.rateLimitStrikes()) { // once per connection: later strikes only repeat the close
                log.info("Closing flooding connection user={} connection={} code={}", connection.userId(), connection.id(), code);
                meters.counter("gateway.closes", "reason", "rate_limited").increment();
            }
            connection.close(RATE_LIMIT_CLOSE);
        } else if (alwaysAnswer || strikes == 1 || strikes % 10 == 0) {
            connection.send(frames.error(code, message));
        }
    }

    /** One whole message (a text frame, or a binary frame of UTF-8) from the player. */
    void message(PlayerConnection connection, String payload) {
        if (!admitted(connection)) {
            return;
        }
        Frames.Incoming incoming;
        try {
            incoming = frames.parse(payload);
        } catch (Frames.MalformedFrameException e) {
            sendError(connection, "INVALID_MESSAGE", e.getMessage());
            return;
        }
        meters.counter("gateway.messages", "event", known(incoming.event())).increment();
        switch (incoming.event()) {
            case "ping" -> connection.send(frames.event("pong", Map.of()));
            case "enter_world" -> {
                if (admitEntry(connection)) {
                    enterWorld(connection, incoming);
                }
            }
            case "join_map" -> joinMap(connection, incoming);
            case "reauth" -> reauth(connection, incoming);
            default -> {
                if (Chat.EVENTS.contains(incoming.event())) {
                    chat(connection, incoming);
                } else {
                    sendError(connection, "UNKNOWN_EVENT", "Unknown event");
                }
            }
        }
    }

    private void enterWorld(PlayerConnection connection, Frames.Incoming incoming) {
        String characterId = incoming.id("character_id");
        if (characterId == null) {
            sendError(connection, "INVALID_MESSAGE", "enter_world needs data.character_id (a character id)");
            return;
        }
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            EntryGrant grant = world.enterWorld(connection.userId(), connection.sessionId(), characterId);
            connection.enteredWith(characterId);
            connection.chatter(chat.entered(connection, connection.chatter(), connection.userId(), characterId,
                    grant.characterName(), grant.mapId()));
            connection.send(frames.event("enter_world_success", payload(grant)));
        } catch (GameError e) {
            outcome = e.code();
            sendError(connection, e.code(), e.getMessage());
        } finally {
            // what a player waits between enter_world and its answer: ownership check, directory, ticket
            Timer.builder("gateway.enter_world").description("enter_world handling, dependencies included")
                    .tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                    .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void joinMap(PlayerConnection connection, Frames.Incoming incoming) {
        String mapId = incoming.id("map_id");
        if (mapId == null || mapId.length() > 9) {
            sendError(connection, "INVALID_MESSAGE", "join_map needs data.map_id (a map id)");
            return;
        }
        if (connection.characterId() == null) {
            sendError(connection, "FORBIDDEN", "Enter the world with a character first");
            return;
        }
        if (!admitEntry(connection)) {
            return;
        }
        try {
            EntryGrant grant = world.joinMap(connection.userId(), connection.sessionId(), connection.characterId(), Integer.parseInt(mapId));
            if (connection.chatter() != null) {
                chat.moved(connection.chatter(), grant.mapId());
            }
            connection.send(frames.event("join_map_success", payload(grant)));
        } catch (GameError e) {
            sendError(connection, e.code(), e.getMessage());
        }
    }

    /**
     * One more {@code enter_world} or {@code join_map} for the account, else answered RATE_LIMITED:
     * each reads auth-service and mints a ticket, and a client can repeat either at will. Per account
     * and shared by gateways, so neither a new socket nor another gateway starts afresh.
     */
    private boolean admitEntry(PlayerConnection connection) {
        AccountPaces.Verdict entry = paces.admit(AccountPaces.Kind.WORLD_ENTRY, connection.userId());
        if (!entry.admitted()) {
            sendError(connection, "RATE_LIMITED", "Too many world entries; wait " + entry.secondsToWait() + " s");
        }
        return entry.admitted();
    }

    /** A chat or party request: answered by its own event, or refused with {@code error {code}}. */
    private void chat(PlayerConnection connection, Frames.Incoming incoming) {
        try {
            chat.handle(connection.chatter(), incoming.event(), incoming);
        } catch (GameError e) {
            if (e.code().equals("CHAT_RATE_LIMITED")) {
                limited(connection, e.code(), e.getMessage(), true);
            } else {
                sendError(connection, e.code(), e.getMessage());
            }
        }
    }

    /** A fresher access token of the same user (the client refreshed): the connection lives on with it. */
    private void reauth(PlayerConnection connection, Frames.Incoming incoming) {
        String presented = incoming.text("access_token", 4096);
        if (presented == null) {
            sendError(connection, "INVALID_MESSAGE", "reauth needs data.access_token (a string)");
            return;
        }
        AccessTokenCodec.AccessToken token;
        try {
            token = accessTokens.verify(presented);
        } catch (InvalidTokenException e) {
            sendError(connection, "INVALID_TOKEN", "The access token is invalid or expired");
            return;
        }
        if (!token.userId().equals(connection.userId())) {
            sendError(connection, "FORBIDDEN", "The access token is another user's");
            return;
        }
        if (revocations.isRevoked(token)) {
            revoke(connection, "reauth_with_revoked_token");
            return;
        }
        connection.holdToken(token);
        meters.counter("gateway.reauth").increment();
        connection.send(frames.event("reauth_success",
                Map.of("expires_in", Math.max(0, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()))));
    }

    private static Map<String, Object> payload(EntryGrant grant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("map_ip", grant.mapIp());
        data.put("map_port", grant.mapPort());
        data.put("map_id", String.valueOf(grant.mapId()));
        data.put("server_id", grant.serverId());
        data.put("character_id", grant.characterId());
        data.put("ticket", grant.ticket());
        data.put("spawn_pos", Map.of("x", grant.spawnX(), "y", grant.spawnY()));
        data.put("expires_in", grant.expiresInSeconds());
        if (grant.mapVersion() != null) {
            data.put("map_version", grant.mapVersion());
        }
        return data;
    }

    private void sendError(PlayerConnection connection, String code, String message) {
        meters.counter("gateway.errors", "code", code).increment();
        log.debug("error user={} code={} message={}", connection.userId(), code, message);
        connection.send(frames.error(code, message));
    }

    /** The socket is closed (either side, or dropped). */
    void closed(PlayerConnection connection, int code) {
        boolean wasCurrent = players.remove(connection);
        if (connection.chatter() != null) {
            chat.left(connection.chatter());
        }
        log.atInfo().addKeyValue("user_id", connection.userId())
                .log("User {} disconnected connection={} code={}", connection.userId(), connection.id(), code);
        if (wasCurrent) {
            try {
                sessions.offline(connection.userId());
            } catch (ServiceUnavailableException e) {
                log.warn("Could not mark user {} offline ({}); the session expires on its own", connection.userId(),
                        e.getMessage());
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
