package com.mmorpg.testsupport.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a backend service in fault-case tests: each
 * {@code "METHOD /path"} answers what the test sets (status, body, delay), anything else what the
 * fallback says (404 by default); every call is recorded with its body and internal key.
 */
public final class HttpStub implements AutoCloseable {

    public record Answer(int status, String body, long delayMillis) {
    }

    /** {@code authorization}: the {@code Authorization} header, or null; {@code headers}: all of them (any case). */
    public record Call(String method, String path, String body, String internalKey, String authorization,
            Map<String, List<String>> headers) {

        public boolean is(String methodAndPath) {
            return (method + " " + path).equals(methodAndPath);
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private static final Answer NOT_FOUND = new Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Answer> fallback = call -> NOT_FOUND;

    public HttpStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the answer for {@code "GET /path"} (exact match on method and path, query ignored). */
    /** Forgets the answer set for {@code "METHOD /path"}: the fallback answers again. */
    public void clear(String methodAndPath) {
        answers.remove(methodAndPath);
    }

    public void answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, body, 0));
    }

    public void answer(String methodAndPath, int status, String body, long delayMillis) {
        answers.put(methodAndPath, new Answer(status, body, delayMillis));
    }

    /** What paths without a set answer get: (method, path) → answer. */
    public void fallback(BiFunction<String, String, Answer> fallback) {
        this.fallback = call -> fallback.apply(call.method(), call.path().split("\\?", 2)[0]);
    }

    /** Like {@link #fallback(BiFunction)}, seeing the whole call (a stateful fake reads the body). */
    public void fallbackCalls(Function<Call, Answer> fallback) {
        this.fallback = fallback;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String methodAndPath) {
        return calls.stream().filter(call -> call.is(methodAndPath)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = rawPath + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        Call call = new Call(exchange.getRequestMethod(), path, body, exchange.getRequestHeaders().getFirst("X-Internal-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"), java.util.Collections.unmodifiableMap(headers));
        calls.add(call);
        Answer answer = answers.get(exchange.getRequestMethod() + " " + rawPath);
        if (answer == null) {
            answer = fallback.apply(call);
        }
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis()); // simulates a slow dependency, on the stub's side
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
