package com.mmorpg.auth.database;

import com.mmorpg.common.net.BackingServiceUnreachableException;
import com.mmorpg.common.net.ServiceAddress;
import com.mmorpg.common.net.TcpProbe;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Before any bean touches the pool, checks that PostgreSQL answers at the configured URL, so a
 * wrong {@code DATABASE_URL} ends start-up in one clear message instead of Hikari's retries.
 */
class DatabaseReachabilityCheck implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String configured = environment.getProperty("DATABASE_URL", DatabaseUrlEnvironmentPostProcessor.DEFAULT_URL);
        String shown = ServiceAddress.redact(configured);
        try {
            String jdbcUrl = environment.getProperty("spring.datasource.url");
            // every host of a fail-over URL (jdbc:postgresql://db1,db2/mmorpg): one that answers is enough
            List<ServiceAddress> addresses = ServiceAddress.parseAll(jdbcUrl != null ? jdbcUrl : DatabaseUrl.parse(configured).jdbcUrl());
            TcpProbe.unreachableReason(addresses, TIMEOUT).ifPresent(reason -> {
                throw new BackingServiceUnreachableException("PostgreSQL", "DATABASE_URL", shown, reason);
            });
        } catch (IllegalArgumentException invalid) {
            throw new BackingServiceUnreachableException("PostgreSQL", "DATABASE_URL", shown, invalid.getMessage());
        }
    }
}
