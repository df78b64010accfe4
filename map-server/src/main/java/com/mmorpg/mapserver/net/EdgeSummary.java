package com.mmorpg.mapserver.net;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile or broken traffic seen at the edge, tallied by reason and written as at most one log line
 * per interval ("dropped in the last 60 s: udp_unbound=9000 decode_error=3"), never a line per
 * packet. The metrics count the same events; this line is for whoever reads the log. Event loop only.
 */
final class EdgeSummary {

    private static final Logger log = LoggerFactory.getLogger(EdgeSummary.class);

    private final long intervalNanos;
    private final Map<String, Long> counts = new TreeMap<>();
    private long windowStart;

    EdgeSummary(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
        this.windowStart = System.nanoTime();
    }

    void count(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    /** Writes the line if the interval has passed and anything was counted. */
    void maybeLog(long now) {
        if (now - windowStart < intervalNanos) {
            return;
        }
        if (!counts.isEmpty()) {
            StringBuilder line = new StringBuilder();
            counts.forEach((reason, count) -> line.append(' ').append(reason).append('=').append(count));
            log.info("Network edge refused or dropped in the last {} s:{}", TimeUnit.NANOSECONDS.toSeconds(now - windowStart), line);
            counts.clear();
        }
        windowStart = now;
    }
}
