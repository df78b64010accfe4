package com.mmorpg.gateway.connection;

import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Duration;
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

    private final WebSocketSession session;
    private final String userId;
    private final Bucket messages;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile long lastPingNanos;
    private volatile boolean announced;
    private volatile String characterId;
    private int strikes;
    private long lastStrikeNanos;

    /**
     * @param pingPhaseNanos where in the ping interval this connection's pings fall: connections
     *                       opened in a burst would otherwise be pinged in a burst, every interval
     */
    PlayerConnection(WebSocketSession session, String userId, int messagesPerSecond, long pingPhaseNanos) {
        this.lastPingNanos = System.nanoTime() - pingPhaseNanos;
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.userId = userId;
        this.messages = Bucket.builder()
                .addLimit(limit -> limit.capacity(messagesPerSecond).refillGreedy(messagesPerSecond, Duration.ofSeconds(1)))
                .build();
    }

    String id() {
        return session.getId();
    }

    String userId() {
        return userId;
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
        return announced;
    }

    void markAnnounced() {
        announced = true;
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
