package com.mmorpg.service.config;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT}: {@code text} (the default) writes one line per event; {@code json} switches to
 * Spring Boot's structured logging in the Elastic Common Schema, one JSON object per line, where MDC
 * entries and an event's key-value pairs (user, character, map, server ids) are fields of their own.
 * {@code ecs}, {@code logstash} and {@code gelf} pick that format by name. Anything else stops the
 * service at start-up with the accepted values (a typo must not silently drop every log line).
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String VARIABLE = "LOG_FORMAT";
    private static final String PROPERTY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
        String structured = switch (format) {
            case "", "text" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> format;
            default -> throw new UnusableConfigurationException(
                    VARIABLE + " must be text, json, ecs, logstash or gelf, not \"" + format + "\"");
        };
        if (structured != null) {
            // the banner is not a log event: it would be the one line a JSON pipeline cannot read
            environment.getPropertySources().addFirst(new MapPropertySource("log-format",
                    Map.of(PROPERTY, structured, "spring.main.banner-mode", "off")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
