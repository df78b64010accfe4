package com.mmorpg.service.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * HTTPS (and WSS for the gateway) switched on by configuration: {@code TLS_CERTIFICATE} and
 * {@code TLS_PRIVATE_KEY} name PEM files (certificate chain, PKCS#8 key). Both set → a Spring SSL
 * bundle {@value #BUNDLE} secures the server's port; neither → plain HTTP (behind a TLS-terminating
 * load balancer, or in development); one without the other → the service refuses to start.
 */
public class TlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String BUNDLE = "server";
    static final String CERTIFICATE = "TLS_CERTIFICATE";
    static final String PRIVATE_KEY = "TLS_PRIVATE_KEY";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String certificate = environment.getProperty(CERTIFICATE, "").strip();
        String key = environment.getProperty(PRIVATE_KEY, "").strip();
        if (certificate.isEmpty() && key.isEmpty()) {
            return;
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new UnusableConfigurationException("TLS needs both " + CERTIFICATE + " and " + PRIVATE_KEY
                    + " (PEM files); only " + (certificate.isEmpty() ? PRIVATE_KEY : CERTIFICATE) + " is set");
        }
        readable(CERTIFICATE, certificate);
        readable(PRIVATE_KEY, key);
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".keystore.";
        Map<String, Object> properties = new HashMap<>();
        properties.put(prefix + "certificate", "file:" + certificate);
        properties.put(prefix + "private-key", "file:" + key);
        properties.put("server.ssl.bundle", BUNDLE);
        properties.put("server.ssl.enabled", "true");
        properties.put("server.ssl.enabled-protocols", "TLSv1.3,TLSv1.2");
        environment.getPropertySources().addLast(new MapPropertySource("tls", properties));
    }

    private static void readable(String variable, String path) {
        if (!Files.isReadable(Path.of(path))) {
            throw new UnusableConfigurationException(variable + " points to " + path + ", which is not a readable file");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
