package com.mmorpg.client.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * auth-service for a game client: accounts, tokens, classes and characters. After
 * {@link #register} or {@link #login} the client holds the tokens and refreshes the access token by
 * itself when a call answers 401 (the refresh token rotates each time). Failures are
 * {@link ApiException} with the server's code, or {@link java.io.UncheckedIOException} when the
 * service cannot be reached. Thread-safe.
 */
public final class AuthClient {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The tokens of a logged-in account. */
    public record Session(String accessToken, String refreshToken, String userId, long expiresIn) {
    }

    public record CharacterClass(String id, String name, String description, int hp, int mp, int attack, int defense) {
    }

    public record Position(double x, double y) {
    }

    public record Character(String id, String name, int level, long exp, String classId, String className, String mapId,
            Position position, int hp, int maxHp, int mp, int maxMp) {
    }

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private volatile Session session;

    public AuthClient(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(10));
    }

    public AuthClient(String baseUrl, HttpClient http, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.timeout = timeout;
    }

    public Session register(String username, String password) {
        return remember(call("POST", "/auth/register", Map.of("username", username, "password", password), false));
    }

    public Session login(String username, String password) {
        return remember(call("POST", "/auth/login", Map.of("username", username, "password", password), false));
    }

    /**
     * Registers the account, or logs in when the name is taken (bots that are mostly new: a taken
     * name is refused before any hashing, so either way this costs the server one bcrypt, where
     * {@link #loginOrRegister} costs a new account two).
     */
    public Session registerOrLogin(String username, String password) {
        try {
            return register(username, password);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            return login(username, password);
        }
    }

    /** Logs in, registering the account first when it does not exist yet (bots, demos). */
    public Session loginOrRegister(String username, String password) {
        try {
            return login(username, password);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            try {
                return register(username, password);
            } catch (ApiException taken) {
                if (taken.status() == 409) {
                    throw e; // the name exists: the password was wrong
                }
                throw taken;
            }
        }
    }

    /** Trades the refresh token for new tokens (the old refresh token is spent). */
    public synchronized Session refresh() {
        Session current = requireSession();
        return remember(call("POST", "/auth/refresh", Map.of("refresh_token", current.refreshToken()), false));
    }

    public Session session() {
        return session;
    }

    /**
     * Ends this login session everywhere: its refresh token is revoked, the gateway closes its sockets
     * and the map server removes the character that entered with it ({@code SESSION_REVOKED}).
     */
    public synchronized void logout() {
        Session current = requireSession();
        call("POST", "/auth/logout", Map.of("refresh_token", current.refreshToken()), false);
        session = null;
    }

    /**
     * When an access token runs out, read from its {@code exp} claim (not verified: the client only
     * plans its refresh with it); {@link Instant#now()} plus a minute when it cannot be read.
     */
    public static Instant expiresAt(String accessToken) {
        try {
            String[] parts = accessToken.split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return Instant.ofEpochSecond(claims.path("exp").asLong());
        } catch (RuntimeException e) {
            return Instant.now().plusSeconds(60);
        }
    }

    /** The current access token (for the gateway's {@code ?token=}). */
    public String accessToken() {
        return requireSession().accessToken();
    }

    public List<CharacterClass> classes() {
        return list(call("GET", "/character-classes", null, false), CharacterClass.class);
    }

    /** An item type of the world ({@code GET /items}): what inventories, loot and trades name by {@code type_id}. */
    public record ItemType(int id, String key, String name, String kind, String slot, int stack, int level, int attack,
            int defense, int heal, int cooldownTicks) {

        public boolean wearable() {
            return slot != null;
        }
    }

    /** The world's item types (public: no login needed). */
    public List<ItemType> itemTypes() {
        return list(call("GET", "/items", null, false).path("items"), ItemType.class);
    }

    public List<Character> characters() {
        return list(call("GET", "/characters", null, true), Character.class);
    }

    public Character createCharacter(String name, String classId) {
        return JSON.treeToValue(call("POST", "/characters", Map.of("name", name, "class_id", classId), true), Character.class);
    }

    public Character character(String id) {
        return JSON.treeToValue(call("GET", "/characters/" + id, null, true), Character.class);
    }

    public void deleteCharacter(String id) {
        call("DELETE", "/characters/" + id, null, true);
    }

    private Session remember(JsonNode tokens) {
        Session fresh = new Session(tokens.path("access_token").asString(), tokens.path("refresh_token").asString(),
                tokens.path("user_id").asString(), tokens.path("expires_in").asLong());
        session = fresh;
        return fresh;
    }

    private Session requireSession() {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("not logged in: call login or register first");
        }
        return current;
    }

    private JsonNode call(String method, String path, Object body, boolean authenticated) {
        Response response = send(method, path, body, authenticated);
        if (response.status() == 401 && authenticated) {
            refreshAfter(response);
            response = send(method, path, body, true);
        }
        if (response.status() >= 400) {
            JsonNode problem = response.body();
            throw new ApiException(response.status(), problem.path("code").asString("HTTP_" + response.status()),
                    problem.path("message").asString(problem.path("detail").asString("")));
        }
        return response.body();
    }

    /** One refresh for any number of threads that saw the same expired token. */
    private synchronized void refreshAfter(Response unauthorized) {
        if (!unauthorized.tokenUsed().equals(requireSession().accessToken())) {
            return; // another thread refreshed already
        }
        refresh();
    }

    private record Response(int status, JsonNode body, String tokenUsed) {
    }

    private Response send(String method, String path, Object body, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        String token = "";
        if (authenticated) {
            token = requireSession().accessToken();
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonNode json = bytes.length == 0 ? JSON.missingNode() : parse(bytes);
            return new Response(response.statusCode(), json, token);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("auth-service unreachable at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }

    private static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        array.forEach(item -> items.add(JSON.treeToValue(item, type)));
        return items;
    }
}
