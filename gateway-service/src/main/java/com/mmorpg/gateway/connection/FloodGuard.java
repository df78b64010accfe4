package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.protocol.Frames;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each connection's message rate: every inbound message (and WebSocket ping or pong) is counted
 * against it; over the rate a message is dropped, answered now and then, and a streak of refusals
 * closes the connection 1008 "Rate limit exceeded".
 */
@Component
class FloodGuard {

    static final CloseStatus RATE_LIMIT_CLOSE = new CloseStatus(CloseStatus.POLICY_VIOLATION, "Rate limit exceeded");

    private static final Logger log = LoggerFactory.getLogger(FloodGuard.class);

    private final Frames frames;
    private final int strikesToClose;
    private final MeterRegistry meters;

    FloodGuard(Frames frames, GatewayProperties properties, MeterRegistry meters) {
        this.frames = frames;
        this.strikesToClose = properties.rateLimitStrikes();
        this.meters = meters;
    }

    /**
     * Counts one inbound message against the connection's rate: true when it may be handled; over
     * the rate it is dropped, answered RATE_LIMITED now and then, and a streak of refusals closes
     * the connection 1008.
     */
    boolean admitted(PlayerConnection connection) {
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
    void limited(PlayerConnection connection, String code, String message, boolean alwaysAnswer) {
        int strikes = connection.strike();
        meters.counter("gateway.errors", "code", code).increment();
        if (strikes >= strikesToClose) {
            if (strikes == strikesToClose) { // once per connection: later strikes only repeat the close
                log.info("Closing flooding connection user={} connection={} code={}", connection.userId(), connection.id(), code);
                meters.counter("gateway.closes", "reason", "rate_limited").increment();
            }
            connection.close(RATE_LIMIT_CLOSE);
        } else if (alwaysAnswer || strikes == 1 || strikes % 10 == 0) {
            connection.send(frames.error(code, message));
        }
    }
}
