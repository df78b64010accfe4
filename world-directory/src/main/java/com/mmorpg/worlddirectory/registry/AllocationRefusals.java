package com.mmorpg.worlddirectory.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Allocations refused because a map's servers run other content than auth-service: counted
 * ({@code directory_allocations_refused_total{reason="content_mismatch"}}) on every refusal, logged
 * once per map, expected version and set of servers — a player retrying does not fill the log.
 */
@Component
class AllocationRefusals {

    private static final Logger log = LoggerFactory.getLogger(AllocationRefusals.class);
    private static final int MAX_REMEMBERED = 1_000;

    private final Counter contentMismatch;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    AllocationRefusals(MeterRegistry meters) {
        this.contentMismatch = Counter.builder("directory.allocations.refused").tag("reason", "content_mismatch")
                .description("Allocations refused: the map's servers run other content than the caller names").register(meters);
    }

    void contentMismatch(int mapId, String expected, Map<String, String> servers) {
        contentMismatch.increment();
        String key = mapId + "/" + expected + "/" + servers;
        if (logged.size() < MAX_REMEMBERED && logged.add(key)) {
            log.error("Refused to allocate map={}: its servers run content {}, not auth-service's {}; start them on the same CONTENT_DIR",
                    mapId, servers, expected);
        }
    }
}
