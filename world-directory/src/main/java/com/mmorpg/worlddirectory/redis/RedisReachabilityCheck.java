package com.mmorpg.worlddirectory.redis;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import com.mmorpg.common.net.ServiceAddress;
import com.mmorpg.common.net.TcpProbe;
import java.time.Duration;
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
        String url = environment.getProperty("spring.data.redis.url", "redis://localhost:6379");
        String shown = ServiceAddress.redact(url);
        try {
            TcpProbe.unreachableReason(ServiceAddress.parse(url), TIMEOUT).ifPresent(reason -> {
                throw new BackingServiceUnreachableException("Redis", "REDIS_URL", shown, reason);
            });
        } catch (IllegalArgumentException invalid) {
            throw new BackingServiceUnreachableException("Redis", "REDIS_URL", shown, invalid.getMessage());
        }
    }
}
