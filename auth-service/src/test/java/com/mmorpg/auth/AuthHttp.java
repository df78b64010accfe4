package com.mmorpg.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for auth-service tests. */
public final class AuthHttp {

    public static final String INTERNAL_KEY = "dev-only-internal-api-key-0123456789abcdef";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, HttpResponse<String> raw) {

        Response withStatus() {
            return new Response(raw.statusCode(), raw);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String body() {
            return raw.body();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AuthHttp(int port) {
        this.port = port;
    }

    public Response get(String path, String bearer) {
        return send(builder(path, bearer, null).GET());
    }

    public Response getInternal(String path, String key) {
        return send(builder(path, null, key).GET());
    }

    public Response post(String path, String json) {
        return post(path, json, null);
    }

    public Response post(String path, String json, String bearer) {
        return send(builder(path, bearer, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putInternal(String path, String json, String key) {
        return send(builder(path, null, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postInternal(String path, String json, String key) {
        return send(builder(path, null, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response deleteInternal(String path, String key) {
        return send(builder(path, null, key).DELETE());
    }

    public Response put(String path, String json, String bearer) {
        return send(builder(path, bearer, null).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String bearer) {
        return send(builder(path, bearer, null).DELETE());
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            return new Response(0, http.send(builder.build(), HttpResponse.BodyHandlers.ofString())).withStatus();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path, String bearer, String internalKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (internalKey != null) {
            builder.header("X-Internal-Key", internalKey);
        }
        return builder;
    }
}
