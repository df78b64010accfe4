package com.mmorpg.auth.database;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Feeds {@code DATABASE_URL} (seed or JDBC form) into {@code spring.datasource.*}; a
 * {@code DATABASE_PASSWORD} (or {@code DATABASE_PASSWORD_FILE}) replaces the URL's password, so the
 * URL itself need not be secret. Added with the lowest precedence, so an explicit
 * {@code spring.datasource.url} still wins.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULT_URL = "postgresql://postgres:postgres@localhost:5432/mmorpg";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("DATABASE_URL", DEFAULT_URL);
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(configured);
        } catch (IllegalArgumentException e) {
            // Left for DatabaseReachabilityCheck to report once logging is up.
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", url.jdbcUrl());
        if (url.username() != null) {
            properties.put("spring.datasource.username", url.username());
        }
        String password = environment.getProperty("DATABASE_PASSWORD", "");
        if (!password.isEmpty()) {
            properties.put("spring.datasource.password", password);
        } else if (url.password() != null) {
            properties.put("spring.datasource.password", url.password());
        }
        environment.getPropertySources().addLast(new MapPropertySource("DATABASE_URL", properties));
    }
}
