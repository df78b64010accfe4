package com.mmorpg.common.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one backend service (auth-service or world-directory) with the internal key and
 * a hard timeout on every call: what the gateway and the map servers use for every internal
 * contract in this package. A refused connection or a timeout surfaces as
 * {@link ServiceUnavailableException}; HTTP statuses are the caller's to interpret; a body is read
 * as a contract record only when asked ({@link Reply#as}).
 */
public final class InternalClient {

    /**
     * snake_case; every field of a contract record must be there (null where the contract allows it),
     * and fields a newer service adds are ignored.
     */
    public static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    public static final String KEY_HEADER = "X-Internal-Key";

    private final String service;
    private final String baseUrl;
    private final String internalKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param service its name, for errors and logs ({@code auth-service}, {@code world-directory})
     * @param http from {@link #httpClient} (one may serve several services)
     */
    public InternalClient(String service, String baseUrl, String internalKey, Duration timeout, HttpClient http) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.internalKey = internalKey;
        this.timeout = timeout;
        this.http = http;
    }

    /** An HTTP/1.1 client for internal calls; {@code tls} for {@code https://} services (null: the JDK's default trust). */
    public static HttpClient httpClient(Duration connectTimeout, Executor executor, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    public String service() {
        return service;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Blocking (never from a tick thread or an event loop). */
    public Reply send(String method, String path, Object body) {
        return sendAs(null, method, path, body);
    }

    public CompletableFuture<Reply> sendAsync(String method, String path, Object body) {
        return sendAsync(method, path, body, null);
    }

    /**
     * Blocking, on behalf of a user: {@code bearer} (their access token) goes along as
     * {@code Authorization: Bearer}, so the service answers as it would answer them.
     */
    public Reply sendAs(String bearer, String method, String path, Object body) {
        try {
            return sendAsync(method, path, body, bearer).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, method + " " + path + " interrupted", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ServiceUnavailableException(service, method + " " + path, e.getCause());
        }
    }

    private CompletableFuture<Reply> sendAsync(String method, String path, Object body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header(KEY_HEADER, internalKey)
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw new ServiceUnavailableException(service, method + " " + path,
                                cause instanceof IOException ? cause : failure);
                    }
                    return new Reply(service, path, response.statusCode(), parse(response.body()));
                });
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode(); // an HTML error page from a proxy: the status says enough
        }
    }

    /** Status and JSON body (a missing node when the body was empty or not JSON). */
    public record Reply(String service, String path, int status, JsonNode body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The error code of a problem+json answer ({@code code}), or "" when it has none. */
        public String code() {
            return body.path("code").asString("");
        }

        /** The body as the contract record {@code type}; a body that is not one means the service is not what it should be. */
        public <T> T as(Class<T> type) {
            if (body.isMissingNode()) {
                throw new ServiceUnavailableException(service, path + " answered " + status + " without a JSON body", null);
            }
            try {
                return JSON.treeToValue(body, type);
            } catch (JacksonException e) {
                throw new ServiceUnavailableException(service, path + " answered " + status + " with a body that is not a "
                        + type.getSimpleName(), e);
            }
        }
    }
}
