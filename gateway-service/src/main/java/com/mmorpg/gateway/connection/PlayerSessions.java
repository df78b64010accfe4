package com.mmorpg.gateway.connection;

import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.internal.Sessions;
import com.mmorpg.common.token.AccessTokenCodec;
import com.mmorpg.common.token.InvalidTokenException;
import com.mmorpg.gateway.chat.Chat;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.world.SessionDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A player session's life on this gateway, from the handshake to the close: the access token checked
 * before anything else (a bad one gets close 1008 "Invalid token" and no other frame), the session
 * recorded online in world-directory, an older connection of the same user replaced, and the ends a
 * session can come to: revoked (logout, token reuse, session limit, ban), kicked by staff, expired
 * without a {@code reauth}, or closed. {@code reauth} keeps it alive with a fresher token.
 */
@Component
class PlayerSessions {

    static final CloseStatus INVALID_TOKEN = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Invalid token");
    static final CloseStatus REPLACED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session replaced");
    static final CloseStatus REVOKED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session revoked");
    static final CloseStatus EXPIRED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Session expired");
    static final CloseStatus KICKED_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Kicked");

    private static final Logger log = LoggerFactory.getLogger(PlayerSessions.class);

    private final AccessTokenCodec accessTokens;
    private final Revocations revocations;
    private final ConnectedPlayers players;
    private final SessionDirectory sessions;
    private final Chat chat;
    private final Frames frames;
    private final Replies replies;
    private final GatewayProperties properties;
    private final PlayerConnection.Outbound outbound;
    private final MeterRegistry meters;

    PlayerSessions(AccessTokenCodec accessTokens, Revocations revocations, ConnectedPlayers players,
            SessionDirectory sessions, Chat chat, Frames frames, Replies replies, GatewayProperties properties,
            MeterRegistry meters) {
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.players = players;
        this.sessions = sessions;
        this.chat = chat;
        this.frames = frames;
        this.replies = replies;
        this.properties = properties;
        this.outbound = PlayerConnection.Outbound.of(properties.maxOutboundBytes(), meters);
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
        recordOnline(connection);
        connection.send(frames.event("welcome", Map.of("message", "Connected to Gateway", "user_id", userId)));
        // ids also as key-value pairs: fields of their own with LOG_FORMAT=json
        log.atInfo().addKeyValue("user_id", userId).log("User {} connected connection={}", userId, connection.id());
        return connection;
    }

    /**
     * Tells world-directory this user is online here (again after a failed try: {@link ConnectionMaintenance}
     * repeats it on each session refresh); an older session elsewhere is reported replaced.
     */
    void recordOnline(PlayerConnection connection) {
        try {
            Sessions.OnlineReply online = sessions.online(connection.userId());
            String replaced = online.replaced();
            connection.markRecordedOnline(online.since());
            if (replaced != null && !replaced.equals(sessions.gatewayId())) {
                log.info("User {} moved here from gateway {}; that gateway is told at once and drops its connection",
                        connection.userId(), replaced);
            }
        } catch (ServiceUnavailableException e) {
            log.warn("Could not mark user {} online ({}); retrying on the next session refresh", connection.userId(),
                    e.getMessage());
        }
    }

    /** The user logged in again (here or through another gateway): this older connection goes. */
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

    /** The connection's access token ran out without a {@code reauth}. */
    void expire(PlayerConnection connection) {
        meters.counter("gateway.sessions.ended", "reason", "expired").increment();
        log.atInfo().addKeyValue("user_id", connection.userId())
                .log("Session expired user={} connection={}", connection.userId(), connection.id());
        connection.send(frames.error("SESSION_EXPIRED", "Your access token expired; refresh it and reconnect"));
        connection.close(EXPIRED_CLOSE);
    }

    /** A fresher access token of the same user (the client refreshed): the connection lives on with it. */
    void reauth(PlayerConnection connection, Frames.Incoming incoming) {
        String presented = incoming.text("access_token", 4096);
        if (presented == null) {
            replies.error(connection, "INVALID_MESSAGE", "reauth needs data.access_token (a string)");
            return;
        }
        AccessTokenCodec.AccessToken token;
        try {
            token = accessTokens.verify(presented);
        } catch (InvalidTokenException e) {
            replies.error(connection, "INVALID_TOKEN", "The access token is invalid or expired");
            return;
        }
        if (!token.userId().equals(connection.userId())) {
            replies.error(connection, "FORBIDDEN", "The access token is another user's");
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
}
