package com.mmorpg.client.gateway;

import com.mmorpg.client.auth.AuthClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's WebSocket ({@code /ws}) for a game client: connect with the access token, then
 * {@link #enterWorld} or {@link #joinMap} to learn which map server to play on; chat and parties
 * ({@link #say}, {@link #whisper}, {@link #partyInvite}, ...). One request at a time; answers are typed,
 * errors are {@link GatewayException} with the gateway's code. What arrives unasked (announcements,
 * chat lines, party changes and invitations) goes to the handlers set with {@code on...}, on the
 * socket's thread: a handler must not block.
 *
 * <p>Why one class of this size: it is the SDK's one door to the gateway; most of its lines are the
 * requests a game makes (world, chat, parties), each one frame out and one typed answer back.
 */
public final class GatewayClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode CLOSED = JSON.createObjectNode().put("event", "closed");
    private static final long RENEWAL_RETRY_MILLIS = 5_000;
    /** One timer thread for the renewals of every client in the process (a bot run holds thousands). */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-session-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private final WebSocket socket;
    private final Listener listener;
    private final BlockingQueue<JsonNode> events;
    private final Duration timeout;
    private final String userId;
    private volatile ScheduledFuture<?> renewal;
    private volatile String renewalFailure;

    private GatewayClient(WebSocket socket, Duration timeout, Listener listener) {
        this.socket = socket;
        this.listener = listener;
        this.events = listener.events;
        this.timeout = timeout;
        JsonNode first = next();
        if (!"welcome".equals(first.path("event").asString())) {
            socket.abort();
            throw failure(first);
        }
        this.userId = first.path("data").path("user_id").asString();
    }

    /** Connects to {@code gatewayUrl} (e.g. {@code ws://localhost:3002}) and waits for {@code welcome}. */
    public static GatewayClient connect(String gatewayUrl, String accessToken, Duration timeout) {
        return connect(gatewayUrl, accessToken, timeout, HttpClient.newHttpClient());
    }

    /**
     * As {@link #connect(String, String, Duration)} through {@code http}: for {@code wss://} with a
     * private certificate authority, pass a client built with an {@code SSLContext} that trusts it.
     */
    public static GatewayClient connect(String gatewayUrl, String accessToken, Duration timeout, HttpClient http) {
        String base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        URI uri = URI.create(base + "/ws?token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        Listener listener = new Listener();
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, listener).join();
            return new GatewayClient(socket, timeout, listener);
        } catch (CompletionException e) {
            throw new GatewayException("UNREACHABLE", "cannot open " + base + "/ws: " + e.getCause().getMessage());
        }
    }

    public String userId() {
        return userId;
    }

    public synchronized MapAssignment enterWorld(String characterId) {
        return assignment(request("enter_world", Map.of("character_id", characterId), "enter_world_success"));
    }

    /** After a gate moved the character to {@code mapId} (the map server sent {@code MapTransfer}). */
    public synchronized MapAssignment joinMap(int mapId) {
        return assignment(request("join_map", Map.of("map_id", mapId), "join_map_success"));
    }

    /** Hands the gateway a fresher access token of the same user; the seconds it is good for. */
    public synchronized long reauth(String accessToken) {
        return request("reauth", Map.of("access_token", accessToken), "reauth_success").path("expires_in").asLong();
    }

    /**
     * Keeps this connection's session alive while it is open: when 80 % of the access token's
     * lifetime has passed, refreshes {@code auth}'s tokens and hands the new access token to the
     * gateway ({@link #reauth}), so the gateway never closes the socket with {@code SESSION_EXPIRED}.
     * A failed renewal is retried after a few seconds, unless auth-service refused the refresh token
     * (then the session is over: {@link #renewalFailure()} says why).
     */
    public GatewayClient followSession(AuthClient auth) {
        scheduleRenewal(auth, AuthClient.expiresAt(auth.accessToken()));
        return this;
    }

    /** Why the last automatic renewal failed, or null. */
    public String renewalFailure() {
        return renewalFailure;
    }

    private void scheduleRenewal(AuthClient auth, Instant expiresAt) {
        long lifetimeMillis = Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis());
        schedule(auth, Math.max(1_000, lifetimeMillis * 8 / 10));
    }

    private void schedule(AuthClient auth, long delayMillis) {
        if (!isOpen()) {
            return;
        }
        renewal = RENEWALS.schedule(() -> Thread.ofVirtual().start(() -> renew(auth)), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void renew(AuthClient auth) {
        if (!isOpen()) {
            return;
        }
        try {
            String token = auth.refresh().accessToken();
            reauth(token);
            renewalFailure = null;
            scheduleRenewal(auth, AuthClient.expiresAt(token));
        } catch (com.mmorpg.client.auth.ApiException e) {
            renewalFailure = e.getMessage();
            if (e.status() != 401 && e.status() != 403) {
                schedule(auth, RENEWAL_RETRY_MILLIS);
            }
        } catch (RuntimeException e) {
            renewalFailure = e.toString();
            schedule(auth, RENEWAL_RETRY_MILLIS);
        }
    }

    /**
     * Where announcements from support staff ({@code announcement {message}}) go: they arrive at any
     * time, so they never answer a request. Without a handler they are dropped.
     */
    public GatewayClient onAnnouncement(Consumer<String> handler) {
        listener.announcements = handler;
        return this;
    }

    /** Where chat lines the player hears go ({@code chat_message}, its own lines included). */
    public GatewayClient onChat(Consumer<ChatMessage> handler) {
        listener.chat = handler;
        return this;
    }

    /** Where changes of the player's party go ({@code party_update}). */
    public GatewayClient onPartyUpdate(Consumer<PartyUpdate> handler) {
        listener.partyUpdates = handler;
        return this;
    }

    /** Where party invitations go ({@code party_invitation}). */
    public GatewayClient onPartyInvitation(Consumer<PartyInvitation> handler) {
        listener.invitations = handler;
        return this;
    }

    /**
     * Says {@code text} on {@code channel} ({@code map}, {@code world} or {@code party}); returns the
     * line's id. Refusals are {@link GatewayException}s: {@code CHAT_RATE_LIMITED}, {@code CHAT_TOO_LONG},
     * {@code CHAT_MUTED}, {@code NOT_IN_PARTY}, {@code NOT_IN_WORLD}.
     */
    public synchronized String say(String channel, String text) {
        return request("chat_send", Map.of("channel", channel, "text", text), "chat_sent").path("id").asString();
    }

    /** Whispers to the character called {@code name} on any gateway ({@code PLAYER_OFFLINE} when it is not in the world). */
    public synchronized String whisper(String name, String text) {
        return request("chat_send", Map.of("channel", "whisper", "text", text, "to", name), "chat_sent").path("id").asString();
    }

    /** The last lines of {@code map}, {@code world} or {@code party}, oldest first. */
    public synchronized List<ChatMessage> history(String channel) {
        JsonNode data = request("chat_history", Map.of("channel", channel), "chat_history");
        List<ChatMessage> lines = new ArrayList<>();
        data.path("messages").forEach(line -> lines.add(chatMessage(line)));
        return lines;
    }

    /** Invites {@code name} to the player's party (made now if it has none); returns the party id. */
    public synchronized String partyInvite(String name) {
        return request("party_invite", Map.of("name", name), "party_invited").path("party_id").asString();
    }

    public synchronized void partyAccept(String partyId) {
        request("party_accept", Map.of("party_id", partyId), "party_joined");
    }

    public synchronized void partyLeave() {
        request("party_leave", Map.of(), "party_left");
    }

    /** The leader removes {@code name} from the party. */
    public synchronized void partyKick(String name) {
        request("party_kick", Map.of("name", name), "party_kicked");
    }

    /** Whispers, map and world lines and invitations from {@code name} no longer reach the player. */
    public synchronized void block(String name) {
        request("chat_block", Map.of("name", name), "chat_blocked");
    }

    public synchronized void unblock(String name) {
        request("chat_unblock", Map.of("name", name), "chat_unblocked");
    }

    /** Round trip to the gateway. */
    public synchronized void ping() {
        request("ping", Map.of(), "pong");
    }

    /** The reason the gateway gave when it closed the connection (e.g. "Session expired"), or null while open. */
    public String closeReason() {
        return listener.closeStatus < 0 ? null : listener.closeReason;
    }

    public boolean isOpen() {
        return listener.closeStatus < 0 && !socket.isOutputClosed();
    }

    private JsonNode request(String event, Map<String, ?> data, String expected) {
        events.clear();
        String frame = JSON.writeValueAsString(Map.of("event", event, "data", data));
        socket.sendText(frame, true).join();
        JsonNode answer = next();
        if (!expected.equals(answer.path("event").asString())) {
            throw failure(answer);
        }
        return answer.path("data");
    }

    private JsonNode next() {
        try {
            JsonNode event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new GatewayException("TIMEOUT", "no answer from the gateway within " + timeout.toMillis() + " ms");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("INTERRUPTED", "interrupted while waiting for the gateway");
        }
    }

    private GatewayException failure(JsonNode event) {
        if (event == CLOSED) {
            return new GatewayException("CLOSED_" + listener.closeStatus, listener.closeReason);
        }
        JsonNode data = event.path("data");
        return new GatewayException(data.path("code").asString(event.path("event").asString()), data.path("message").asString(""));
    }

    private static ChatMessage chatMessage(JsonNode data) {
        JsonNode map = data.get("map_id");
        JsonNode to = data.path("to").get("name");
        return new ChatMessage(data.path("id").asString(), data.path("channel").asString(),
                data.path("from").path("character_id").asString(), data.path("from").path("name").asString(),
                data.path("text").asString(), data.path("sent_at").asLong(), map == null ? null : map.asString(),
                to == null ? null : to.asString());
    }

    private static PartyUpdate partyUpdate(JsonNode data) {
        List<PartyUpdate.Member> members = new ArrayList<>();
        data.path("members").forEach(member -> members.add(new PartyUpdate.Member(member.path("character_id").asString(),
                member.path("name").asString())));
        return new PartyUpdate(text(data.get("party_id")), text(data.get("leader")), List.copyOf(members),
                text(data.get("reason")));
    }

    private static PartyInvitation invitation(JsonNode data) {
        return new PartyInvitation(data.path("party_id").asString(), data.path("from").path("character_id").asString(),
                data.path("from").path("name").asString(), data.path("expires_in").asLong());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static MapAssignment assignment(JsonNode data) {
        return new MapAssignment(data.path("map_ip").asString(), data.path("map_port").asInt(), data.path("map_id").asInt(),
                data.path("server_id").asString(), data.path("character_id").asString(), data.path("ticket").asString(),
                data.path("spawn_pos").path("x").asDouble(), data.path("spawn_pos").path("y").asDouble(),
                data.path("expires_in").asLong(), data.path("map_version").isString() ? data.path("map_version").asString() : null);
    }

    @Override
    public void close() {
        ScheduledFuture<?> pending = renewal;
        if (pending != null) {
            pending.cancel(false);
        }
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    /** Collects frames (text may come in parts) into whole events. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private volatile Consumer<String> announcements = message -> { };
        private volatile Consumer<ChatMessage> chat = message -> { };
        private volatile Consumer<PartyUpdate> partyUpdates = update -> { };
        private volatile Consumer<PartyInvitation> invitations = invitation -> { };
        private volatile int closeStatus = -1;
        private volatile String closeReason = "";

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode event = JSON.readTree(partial.toString());
                    JsonNode body = event.path("data");
                    switch (event.path("event").asString("")) {
                        case "announcement" -> announcements.accept(body.path("message").asString(""));
                        case "chat_message" -> chat.accept(chatMessage(body));
                        case "party_update" -> partyUpdates.accept(partyUpdate(body));
                        case "party_invitation" -> invitations.accept(invitation(body));
                        default -> events.add(event);
                    }
                } catch (RuntimeException e) {
                    // not JSON: the gateway never sends that; ignore
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeStatus = statusCode;
            closeReason = reason;
            events.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(CLOSED);
        }
    }
}
