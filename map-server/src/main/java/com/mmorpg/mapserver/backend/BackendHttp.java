package com.mmorpg.mapserver.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one backend service (auth-service or world-directory), with the shared
 * {@code X-Internal-Key} and a hard timeout on every call. A refused connection, a timeout or a
 * body that is not JSON all surface as {@link BackendUnavailableException}; HTTP statuses are the
 * caller's to interpret.
 */
public final class BackendHttp {

    public static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final String name;
    private final String baseUrl;
    private final String internalKey;
    private final Duration timeout;
    private final HttpClient client;

    public BackendHttp(String name, String baseUrl, String internalKey, Duration timeout, Executor executor) {
        this(name, baseUrl, internalKey, timeout, executor, null);
    }

    /** With {@code tls} for {@code https://} base URLs (null: the JDK's default trust). */
    public BackendHttp(String name, String baseUrl, String internalKey, Duration timeout, Executor executor,
            SSLContext tls) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.internalKey = internalKey;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Blocking call (never from the tick thread). */
    public Response call(String method, String path, Object body) {
        try {
            return callAsync(method, path, body).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BackendUnavailableException unavailable) {
                throw unavailable;
            }
            throw new BackendUnavailableException(name, e.getCause());
        }
    }

    public CompletableFuture<Response> callAsync(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("X-Internal-Key", internalKey)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw new BackendUnavailableException(name, cause);
                    }
                    return new Response(response.statusCode(), parse(response.body()));
                });
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.missingNode(); // an HTML error page from a proxy: the status says enough
        }
    }

    /** Status and JSON body (a missing node when the body was empty or not JSON). */
    public record Response(int status, JsonNode body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }
}
