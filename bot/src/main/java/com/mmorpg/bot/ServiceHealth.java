package com.mmorpg.bot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks each backend service's {@code /actuator/health} whether it is UP. */
final class ServiceHealth {

    record Status(String service, String url, boolean up, String detail) {
    }

    private final HttpClient http;
    private final Duration timeout;

    ServiceHealth(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The three services at the URLs the environment names (the seed's defaults otherwise).
     * {@code GATEWAY_URL} is the WebSocket URL every bot command reads ({@code ws://host:3002}); its
     * health is the same host and port over HTTP.
     */
    static Map<String, String> servicesFrom(Map<String, String> env) {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("auth-service", env.getOrDefault("AUTH_SERVICE_URL", "http://localhost:3000"));
        services.put("world-directory", env.getOrDefault("WORLD_DIRECTORY_URL", "http://localhost:3001"));
        services.put("gateway-service", httpOf(env.getOrDefault("GATEWAY_URL", "ws://localhost:3002")));
        return services;
    }

    /** ws:// to http://, wss:// to https://, and the path ({@code /ws}) dropped. */
    static String httpOf(String gatewayUrl) {
        String url = gatewayUrl.replaceFirst("^(?i)ws://", "http://").replaceFirst("^(?i)wss://", "https://");
        return url.replaceFirst("^(https?://[^/]+)/.*$", "$1");
    }

    List<Status> check(Map<String, String> services) {
        List<Status> statuses = new ArrayList<>();
        services.forEach((service, base) -> statuses.add(check(service, base)));
        return statuses;
    }

    Status check(String service, String baseUrl) {
        String url = baseUrl.replaceAll("/+$", "") + "/actuator/health";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            return new Status(service, url, up, "HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return new Status(service, url, false, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(service, url, false, "interrupted");
        }
    }
}
