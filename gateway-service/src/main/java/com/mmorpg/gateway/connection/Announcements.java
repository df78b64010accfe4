package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.protocol.Frames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Support staff's system messages ({@code announcement}), to every player connected to this gateway. */
@Component
class Announcements {

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);

    private final ConnectedPlayers players;
    private final Frames frames;
    private final MeterRegistry meters;

    Announcements(ConnectedPlayers players, Frames frames, MeterRegistry meters) {
        this.players = players;
        this.frames = frames;
        this.meters = meters;
    }

    /** Sends {@code message} to every player connected here; returns how many got it. */
    int announce(String message) {
        String frame = frames.event("announcement", Map.of("message", message));
        int told = 0;
        for (PlayerConnection connection : players.all()) {
            connection.send(frame);
            told++;
        }
        meters.counter("gateway.announcements").increment();
        log.info("Announcement sent to {} connection(s)", told);
        return told;
    }
}
