package com.mmorpg.gateway.connection;

import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.world.SessionDirectory;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodic work over all connections: pings every {@code ping-interval}, closes connections silent
 * for {@code idle-timeout} and those whose access token ran out without a {@code reauth}
 * ({@code SESSION_EXPIRED}), and keeps this gateway's sessions alive in world-directory (which also
 * tells it about users who logged in through another gateway: those connections are dropped).
 */
@Component
class ConnectionMaintenance {

    static final CloseStatus IDLE_CLOSE = new CloseStatus(CloseStatus.SHUTDOWN, "Idle timeout");
    static final int REFRESH_BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(ConnectionMaintenance.class);

    private final ConnectedPlayers players;
    private final SessionDirectory sessions;
    private final PlayerSessions playerSessions;
    private final long pingNanos;
    private final long idleNanos;

    ConnectionMaintenance(ConnectedPlayers players, SessionDirectory sessions, PlayerSessions playerSessions,
            GatewayProperties properties) {
        this.players = players;
        this.sessions = sessions;
        this.playerSessions = playerSessions;
        this.pingNanos = properties.pingInterval().toNanos();
        this.idleNanos = properties.idleTimeout().toNanos();
    }

    @Scheduled(fixedDelayString = "${gateway.maintenance-interval:1s}")
    void pingAndReapIdle() {
        long now = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        for (PlayerConnection connection : players.all()) {
            if (!connection.isOpen()) {
                continue;
            }
            if (connection.tokenExpiredAt(nowMillis)) {
                playerSessions.expire(connection);
            } else if (connection.idleNanos(now) >= idleNanos) {
                log.info("Closing idle connection user={} connection={}", connection.userId(), connection.id());
                connection.close(IDLE_CLOSE);
            } else if (connection.sincePingNanos(now) >= pingNanos) {
                connection.ping();
            }
        }
    }

    @Scheduled(fixedDelayString = "${gateway.session-refresh-interval}", initialDelayString = "${gateway.session-refresh-interval}")
    void refreshSessions() {
        List<String> online = new ArrayList<>();
        for (PlayerConnection connection : players.all()) {
            if (!connection.isOpen()) {
                continue;
            }
            if (connection.recordedOnline()) {
                online.add(connection.userId());
            } else {
                playerSessions.recordOnline(connection);
            }
        }
        if (online.isEmpty()) {
            return;
        }
        // In batches: one Redis script over thousands of keys would stall every other client of Redis.
        for (int from = 0; from < online.size(); from += REFRESH_BATCH) {
            List<String> batch = online.subList(from, Math.min(online.size(), from + REFRESH_BATCH));
            try {
                for (String user : sessions.refresh(batch)) {
                    PlayerConnection connection = players.currentOf(user);
                    if (connection != null && connection.recordedOnline()) {
                        playerSessions.replace(connection);
                    }
                }
            } catch (ServiceUnavailableException e) {
                log.warn("Session refresh failed ({}); those sessions expire unless the next refresh succeeds", e.getMessage());
                return;
            }
        }
    }
}
