package com.mmorpg.service.config;

import com.mmorpg.common.config.SecretFiles;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code JWT_SECRET_FILE=/run/secrets/jwt} and the like (Docker and Kubernetes secrets): each listed
 * secret's file is read once at start-up and offered as the plain variable, ahead of everything
 * else, so {@code ${JWT_SECRET:...}} in application.yml and later post-processors
 * ({@code DATABASE_URL}) see it. Runs first.
 */
public class SecretFilesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "secretFiles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> relevant = new HashMap<>();
        for (String name : SecretFiles.NAMES) {
            put(relevant, environment, name);
            put(relevant, environment, name + SecretFiles.SUFFIX);
        }
        Map<String, String> secrets;
        try {
            secrets = SecretFiles.read(relevant);
        } catch (IllegalArgumentException e) {
            throw new UnusableConfigurationException(e.getMessage());
        }
        if (!secrets.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, new HashMap<>(secrets)));
        }
    }

    private static void put(Map<String, String> target, ConfigurableEnvironment environment, String name) {
        String value = environment.getProperty(name);
        if (value != null) {
            target.put(name, value);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
