package com.mmorpg.gateway.world;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.service.web.InternalApiProperties;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gateway's clients of auth-service and world-directory: the shared internal client with the
 * internal key and {@code dependency-timeout} on every call, over one HTTP client (virtual threads).
 */
@Component
public class Backends {

    private final InternalClient auth;
    private final InternalClient directory;

    Backends(GatewayProperties properties, InternalApiProperties internal,
            @Value("${" + TrustedCertificates.VARIABLE + ":}") String trustedCertificates) {
        HttpClient http = InternalClient.httpClient(properties.dependencyTimeout(), Executors.newVirtualThreadPerTaskExecutor(),
                TrustedCertificates.sslContext(Map.of(TrustedCertificates.VARIABLE, trustedCertificates)));
        this.auth = new InternalClient("auth-service", properties.authServiceUrl().toString(), internal.apiKey(),
                properties.dependencyTimeout(), http);
        this.directory = new InternalClient("world-directory", properties.worldDirectoryUrl().toString(), internal.apiKey(),
                properties.dependencyTimeout(), http);
    }

    public InternalClient auth() {
        return auth;
    }

    public InternalClient directory() {
        return directory;
    }
}
