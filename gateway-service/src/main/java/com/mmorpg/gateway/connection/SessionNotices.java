package com.mmorpg.gateway.connection;

import com.mmorpg.common.session.SessionReplaced;
import com.mmorpg.common.session.SessionRevoked;
import com.mmorpg.common.session.StaffNotice;
import com.mmorpg.gateway.chat.Chat;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.redis.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This gateway's channel in Redis ({@code gateway:<GATEWAY_ID>}): world-directory says there when a
 * user's session moved to another gateway, and the older connection here is dropped within a second
 * ({@code SESSION_REPLACED}) instead of at the next session refresh. On {@code sessions:revoked}
 * auth-service announces ended sessions (logout, refresh-token reuse, session limit, ban); a live
 * connection of one is closed with {@code SESSION_REVOKED}. On {@code staff:notices} support staff
 * kick a player ({@code KICKED}), announce something to every player, or mute a player's chat. Redis being away costs only
 * that speed (the refresh still finds every moved session), so it never stops the gateway from
 * starting or serving: the subscription is (re)tried every few seconds until it holds, and the
 * listener container then recovers from disconnects on its own.
 */
@Component
class SessionNotices implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(SessionNotices.class);

    private final Subscription subscription;
    private final ConnectedPlayers players;
    private final PlayerSessions sessions;
    private final Announcements announcements;
    private final Chat chat;
    private final MeterRegistry meters;

    SessionNotices(RedisConnectionFactory redis, GatewayProperties properties, ConnectedPlayers players,
            PlayerSessions sessions, Announcements announcements, Chat chat, MeterRegistry meters) {
        this.players = players;
        this.sessions = sessions;
        this.announcements = announcements;
        this.chat = chat;
        this.meters = meters;
        // On the subscription's own thread: notices are handled in the order they were published (a
        // revocation and the lifting of a ban, say), and each is quick (look up sockets, close them).
        this.subscription = new Subscription(redis, "moved-session notices",
                "moved sessions are found at the next session refresh")
                .dispatchOn(Runnable::run)
                .on(SessionReplaced.channel(properties.gatewayId()), this)
                .on(SessionRevoked.CHANNEL, this::onRevocation)
                .on(StaffNotice.CHANNEL, this::onStaffNotice)
                .ready();
    }

    @Scheduled(fixedDelayString = "${gateway.redis-subscription-retry}", initialDelay = 0)
    void keepListening() {
        subscription.keepListening();
    }

    @PreDestroy
    void stop() throws Exception {
        subscription.close();
    }

    /** auth-service ended a session (logout, reuse, session limit, ban): its live socket here closes now. */
    void onRevocation(Message message, byte[] pattern) {
        Optional<SessionRevoked> notice = SessionRevoked.decode(new String(message.getBody(), StandardCharsets.UTF_8));
        if (notice.isEmpty()) {
            meters.counter("gateway.session_notices", "outcome", "malformed").increment();
            return;
        }
        SessionRevoked revoked = notice.get();
        PlayerConnection connection = players.currentOf(revoked.userId());
        if (connection != null && revoked.covers(connection.userId(), connection.sessionId(), connection.tokenIssuedAt())) {
            meters.counter("gateway.session_notices", "outcome", "revoked").increment();
            sessions.revoke(connection, revoked.reason());
        } else {
            meters.counter("gateway.session_notices", "outcome", "ignored").increment();
        }
    }

    /** Support staff kicked a player (its socket here closes with KICKED) or announce something to everybody. */
    void onStaffNotice(Message message, byte[] pattern) {
        Optional<StaffNotice> notice = StaffNotice.decode(new String(message.getBody(), StandardCharsets.UTF_8));
        if (notice.isEmpty()) {
            meters.counter("gateway.staff_notices", "outcome", "malformed").increment();
            return;
        }
        switch (notice.get()) {
            case StaffNotice.Kick kick -> {
                PlayerConnection connection = players.currentOf(kick.userId());
                meters.counter("gateway.staff_notices", "outcome", connection == null ? "ignored" : "kicked").increment();
                if (connection != null) {
                    sessions.kick(connection);
                }
            }
            case StaffNotice.Mute mute -> {
                meters.counter("gateway.staff_notices", "outcome", "muted").increment();
                chat.muted(mute.mute());
            }
            case StaffNotice.Announcement announcement -> {
                meters.counter("gateway.staff_notices", "outcome", "announced").increment();
                announcements.announce(announcement.message());
            }
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Optional<SessionReplaced> notice = SessionReplaced.decode(new String(message.getBody(), StandardCharsets.UTF_8));
        if (notice.isEmpty()) {
            meters.counter("gateway.session_notices", "outcome", "malformed").increment();
            return;
        }
        PlayerConnection connection = players.currentOf(notice.get().userId());
        // Only a connection recorded online before the newer session began: a later login here stays.
        if (connection != null && connection.recordedOnline() && connection.onlineSince() < notice.get().since()) {
            meters.counter("gateway.session_notices", "outcome", "replaced").increment();
            log.info("Session moved to gateway {} user={}", notice.get().byGateway(), connection.userId());
            sessions.replace(connection);
        } else {
            meters.counter("gateway.session_notices", "outcome", "ignored").increment();
        }
    }
}
