package com.mmorpg.worlddirectory.redis;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import com.mmorpg.common.net.ServiceAddress;
import com.mmorpg.common.net.TcpProbe;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Lettuce connects lazily, so a wrong {@code REDIS_URL} would only show at the first request.
 * This check ends start-up at once with one clear message instead.
 */
class RedisReachabilityCheck implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        // As Spring Boot connects: Sentinel nodes if any are set, else Cluster nodes, else the URL.
        String sentinels = environment.getProperty("spring.data.redis.sentinel.nodes", "");
        String cluster = environment.getProperty("spring.data.redis.cluster.nodes", "");
        String variable;
        String shown;
        List<ServiceAddress> addresses;
        try {
            if (!sentinels.isBlank()) {
                variable = "SPRING_DATA_REDIS_SENTINEL_NODES";
                shown = sentinels;
                addresses = nodes(sentinels, 26379);
            } else if (!cluster.isBlank()) {
                variable = "SPRING_DATA_REDIS_CLUSTER_NODES";
                shown = cluster;
                addresses = nodes(cluster, 6379);
            } else {
                String url = environment.getProperty("spring.data.redis.url", "redis://localhost:6379");
                variable = "REDIS_URL";
                shown = ServiceAddress.redact(url);
                addresses = List.of(ServiceAddress.parse(url));
            }
        } catch (IllegalArgumentException invalid) {
            throw new BackingServiceUnreachableException("Redis", "REDIS_URL", "", invalid.getMessage());
        }
        String name = variable;
        String where = shown;
        TcpProbe.unreachableReason(addresses, TIMEOUT).ifPresent(reason -> {
            throw new BackingServiceUnreachableException("Redis", name, where, reason);
        });
    }

    /** {@code host:port,host:port} as Spring lists Sentinel and Cluster nodes; one that answers is enough. */
    static List<ServiceAddress> nodes(String list, int defaultPort) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(node -> !node.isEmpty())
                .map(node -> ServiceAddress.parseHostAndPort(node, defaultPort, list)).toList();
    }
}
