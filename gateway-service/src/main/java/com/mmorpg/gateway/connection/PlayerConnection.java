package com.mmorpg.gateway.connection;

import com.mmorpg.common.token.AccessTokenCodec;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One authenticated player's WebSocket. Sends go through a decorator that serialises them and
 * drops a client that stops reading (its buffer limit), so a slow client cannot block anyone.
 */
final class PlayerConnection {

    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int SEND_BUFFER_LIMIT_BYTES = 256 * 1024;
    private static final long STRIKE_WINDOW_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long ENTRY_WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final ConcurrentWebSocketSessionDecorator session;
    private final String userId;
    /** The login session of the token the connection holds now (changes on reauth). */
    private volatile String sessionId;
    private volatile long tokenIssuedAtMillis;
    private volatile long tokenExpiresAtMillis;
    private final Bucket messages;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile long lastPingNanos;
    /** When world-directory recorded this session (its clock, ms); 0 until announced. */
    private volatile long announcedSince;
    private volatile String characterId;
    private int strikes;
    private long lastStrikeNanos;
    private int entriesInWindow;
    private long entryWindowStartNanos = System.nanoTime() - ENTRY_WINDOW_NANOS;

    /**
     * @param pingPhaseNanos where in the ping interval this connection's pings fall: connections
     *                       opened in a burst would otherwise be pinged in a burst, every interval
     */
    PlayerConnection(WebSocketSession session, AccessTokenCodec.AccessToken token, int messagesPerSecond,
            long pingPhaseNanos) {
        this.lastPingNanos = System.nanoTime() - pingPhaseNanos;
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.userId = token.userId();
        holdToken(token);
        this.messages = Bucket.builder()
                .addLimit(limit -> limit.capacity(messagesPerSecond).refillGreedy(messagesPerSecond, Duration.ofSeconds(1)))
                .build();
    }

    String id() {
        return session.getId();
    }

    /** The container's session under the send decorator. */
    WebSocketSession transport() {
        return session.getDelegate();
    }

    /**
     * One more {@code enter_world} if fewer than {@code perMinute} began in the
     * current minute (a fixed window: two ints per connection, where a bucket object would double
     * an idle connection's footprint). Messages of one connection are handled one at a time.
     */
    synchronized boolean admitEntry(int perMinute) {
        long now = System.nanoTime();
        if (now - entryWindowStartNanos >= ENTRY_WINDOW_NANOS) {
            entryWindowStartNanos = now;
            entriesInWindow = 0;
        }
        return ++entriesInWindow <= perMinute;
    }

    String userId() {
        return userId;
    }

    /** The connection now stands on {@code token} (at connect, and on each {@code reauth}). */
    void holdToken(AccessTokenCodec.AccessToken token) {
        sessionId = token.sessionId();
        tokenIssuedAtMillis = token.issuedAt().toEpochMilli();
        tokenExpiresAtMillis = token.expiresAt().toEpochMilli();
    }

    String sessionId() {
        return sessionId;
    }

    Instant tokenIssuedAt() {
        return Instant.ofEpochMilli(tokenIssuedAtMillis);
    }

    boolean tokenExpiredAt(long nowMillis) {
        return nowMillis >= tokenExpiresAtMillis;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void touch() {
        lastInboundNanos = System.nanoTime();
    }

    long idleNanos(long now) {
        return now - lastInboundNanos;
    }

    long sincePingNanos(long now) {
        return now - lastPingNanos;
    }

    /** True when the message may be handled; false when over the per-connection rate. */
    boolean admit() {
        return messages.tryConsume(1);
    }

    /** Counts a refused message; the number of refusals in the current streak. */
    synchronized int strike() {
        long now = System.nanoTime();
        if (now - lastStrikeNanos > STRIKE_WINDOW_NANOS) {
            strikes = 0;
        }
        lastStrikeNanos = now;
        return ++strikes;
    }

    boolean announced() {
        return announcedSince != 0;
    }

    long announcedSince() {
        return announcedSince;
    }

    void markAnnounced(long since) {
        announcedSince = Math.max(1, since);
    }

    String characterId() {
        return characterId;
    }

    void enteredWith(String character) {
        this.characterId = character;
    }

    void send(String json) {
        try {
            session.sendMessage(new TextMessage(json));
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void ping() {
        lastPingNanos = System.nanoTime();
        try {
            session.sendMessage(new PingMessage());
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException e) {
            // already gone
        }
    }
}
