package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.protocol.Frames;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A refusal sent to one player as {@code error {code, message}}, counted by code ({@code gateway.errors}). */
@Component
class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final Frames frames;
    private final MeterRegistry meters;

    Replies(Frames frames, MeterRegistry meters) {
        this.frames = frames;
        this.meters = meters;
    }

    void error(PlayerConnection connection, String code, String message) {
        meters.counter("gateway.errors", "code", code).increment();
        log.debug("error user={} code={} message={}", connection.userId(), code, message);
        connection.send(frames.error(code, message));
    }
}
