package com.mmorpg.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that queues what it receives, for gateway tests. */
public final class WsClient implements WebSocket.Listener {

    public record Close(int code, String reason) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static WsClient connect(URI uri) {
        return connect(uri, null);
    }

    public static WsClient connect(URI uri, String bearer) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        client.socket = within(builder.buildAsync(uri, client));
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(-1, String.valueOf(error)));
    }

    public void send(String text) {
        within(socket.sendText(text, true));
    }

    /** The same text as a binary frame (what Godot's {@code WebSocketPeer} sends by default). */
    public void sendBinary(byte[] bytes) {
        within(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** A WebSocket ping frame (a control frame, not a message). */
    public void sendPingFrame() {
        within(socket.sendPing(ByteBuffer.allocate(0)));
    }

    /** One fragment of a text message (the last one with {@code last}). */
    public void sendFragment(String text, boolean last) {
        within(socket.sendText(text, last));
    }

    public void send(String event, String dataJson) {
        send("{\"event\":\"" + event + "\",\"data\":" + dataJson + "}");
    }

    /** The next frame as JSON; fails the test after 10 s. */
    public JsonNode next() {
        try {
            String message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 10 s");
            }
            return JSON.readTree(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame as JSON, or null when none arrives within {@code wait}. */
    public JsonNode poll(Duration wait) {
        try {
            String message = messages.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            return message == null ? null : JSON.readTree(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given event, skipping others (e.g. rate-limit errors). */
    public JsonNode next(String event) {
        for (int i = 0; i < 1000; i++) {
            JsonNode message = next();
            if (event.equals(message.get("event").asString())) {
                return message;
            }
        }
        throw new AssertionError("no " + event);
    }

    public Close awaitClose() {
        return closed.orTimeout(15, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public int pending() {
        return messages.size();
    }

    /** Whether an {@code error} event has arrived and waits to be read (a client stops flooding when told). */
    public boolean hasPendingError() {
        return messages.stream().anyMatch(message -> message.contains("\"event\":\"error\""));
    }

    public void abort() {
        socket.abort();
    }

    public void close() {
        within(socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
    }

    /** Waits at most 10 s for a connect or a send (a server that stops reading must not hang a test). */
    private static <T> T within(java.util.concurrent.CompletableFuture<T> operation) {
        return operation.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
