package com.mmorpg.gateway.world;

import com.mmorpg.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Service-to-service HTTP with the internal key and a hard timeout: a dependency that does not
 * answer in time is "unavailable", never a hung player request.
 */
@Component
public class InternalHttp {

    /** A response: its status and, when it had a JSON body, that body. */
    public record Reply(int status, JsonNode body) {

        public String code() {
            JsonNode code = body == null ? null : body.get("code");
            return code == null ? null : code.asString();
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final String internalKey;
    private final Duration timeout;

    InternalHttp(HttpClient http, JsonMapper json, GatewayProperties properties,
            com.mmorpg.service.web.InternalApiProperties internal) {
        this.http = http;
        this.json = json;
        this.internalKey = internal.apiKey();
        this.timeout = properties.dependencyTimeout();
    }

    public Reply get(URI uri) throws DependencyUnavailableException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public Reply post(URI uri, Object body) throws DependencyUnavailableException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    public Reply delete(URI uri) throws DependencyUnavailableException {
        return send(HttpRequest.newBuilder(uri).DELETE());
    }

    private Reply send(HttpRequest.Builder builder) throws DependencyUnavailableException {
        HttpRequest request = builder.timeout(timeout).header("X-Internal-Key", internalKey).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DependencyUnavailableException(request.uri().getHost() + ":" + request.uri().getPort() + " "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted");
        }
        if (response.statusCode() >= 500 && !isMapFull(response)) {
            throw new DependencyUnavailableException(request.uri().getPath() + " answered " + response.statusCode());
        }
        JsonNode body = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                body = json.readTree(text);
            } catch (RuntimeException e) {
                throw new DependencyUnavailableException(request.uri().getPath() + " answered unreadable JSON");
            }
        }
        return new Reply(response.statusCode(), body);
    }

    /** 503 MAP_FULL is an answer, not an outage. */
    private static boolean isMapFull(HttpResponse<String> response) {
        return response.statusCode() == 503 && response.body() != null && response.body().contains("\"MAP_FULL\"");
    }
}
