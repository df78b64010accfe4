package com.mmorpg.gateway;

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

/**
 * A local HTTP server standing in for auth-service and world-directory, for the fault cases:
 * each path answers what the test sets (status, body, delay); every call is recorded.
 */
public final class DependencyStub implements AutoCloseable {

    public record Answer(int status, String body, long delayMillis) {
    }

    public record Call(String method, String path, String body, String internalKey) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public DependencyStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the answer for {@code "GET /path"} (exact match on method and path). */
    public void answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, body, 0));
    }

    public void answer(String methodAndPath, int status, String body, long delayMillis) {
        answers.put(methodAndPath, new Answer(status, body, delayMillis));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        calls.add(new Call(exchange.getRequestMethod(), path, body, exchange.getRequestHeaders().getFirst("X-Internal-Key")));
        Answer answer = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        if (answer == null) {
            answer = defaults(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
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

    /** Sessions always work unless a test says otherwise; everything else is 404. */
    private static Answer defaults(String method, String path) {
        if (method.equals("POST") && path.equals("/session/online")) {
            return new Answer(200, "{\"userId\":\"x\",\"gatewayId\":\"g\",\"since\":1,\"replaced\":null}", 0);
        }
        if (method.equals("POST") && path.equals("/session/refresh")) {
            return new Answer(200, "{\"refreshed\":0,\"lost\":[]}", 0);
        }
        if (method.equals("DELETE") && path.startsWith("/session/")) {
            return new Answer(204, "", 0);
        }
        return new Answer(404, "{\"code\":\"NOT_FOUND\"}", 0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
