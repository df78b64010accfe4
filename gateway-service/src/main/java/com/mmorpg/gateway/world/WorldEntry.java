package com.mmorpg.gateway.world;

import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The seed's Workflow 3: check the character's owner with auth-service, ask world-directory which
 * map server hosts its map, mint a single-use ticket for that server.
 */
@Service
public class WorldEntry {

    private static final Logger log = LoggerFactory.getLogger(WorldEntry.class);

    private final InternalHttp http;
    private final MapTicketCodec tickets;
    private final URI auth;
    private final URI directory;
    private final long cacheNanos;
    /** Map id → the directory's last answer for it and when it was fetched (only successful answers). */
    private final Map<Integer, CachedServer> servers = new ConcurrentHashMap<>();

    private record CachedServer(JsonNode server, long fetchedNanos) {
    }

    WorldEntry(InternalHttp http, MapTicketCodec tickets, GatewayProperties properties) {
        this.http = http;
        this.tickets = tickets;
        this.auth = properties.authServiceUrl();
        this.directory = properties.worldDirectoryUrl();
        this.cacheNanos = properties.mapLookupCache().toNanos();
    }

    /** {@code enter_world}: the character goes to its saved map and position. */
    public EntryGrant enterWorld(String userId, String characterId) throws GameError {
        JsonNode character = ownedCharacter(userId, characterId);
        int mapId = mapIdOf(character);
        return grant(userId, characterId, mapId, character.get("position"));
    }

    /** {@code join_map}: after a map server moved the character through a gate and saved its new map. */
    public EntryGrant joinMap(String userId, String characterId, int mapId) throws GameError {
        JsonNode character = ownedCharacter(userId, characterId);
        if (mapIdOf(character) != mapId) {
            throw new GameError("FORBIDDEN", "Character is not on map " + mapId);
        }
        return grant(userId, characterId, mapId, character.get("position"));
    }

    private JsonNode ownedCharacter(String userId, String characterId) throws GameError {
        InternalHttp.Reply reply = call(() -> http.get(auth.resolve("/characters/" + characterId + "/internal")));
        if (reply.status() == 404) {
            throw new GameError("CHARACTER_NOT_FOUND", "Character not found");
        }
        if (reply.status() != 200 || reply.body() == null) {
            log.error("auth-service answered {} for character={} (internal key mismatch?)", reply.status(), characterId);
            throw unavailable();
        }
        JsonNode owner = reply.body().get("user_id");
        if (owner == null || !owner.asString().equals(userId)) {
            log.info("Refused character={} to user={}: not the owner", characterId, userId);
            throw new GameError("FORBIDDEN", "You do not own this character");
        }
        return reply.body();
    }

    private EntryGrant grant(String userId, String characterId, int mapId, JsonNode position) throws GameError {
        JsonNode server = serverFor(mapId);
        String serverId = server.get("id").asString();
        MapTicketCodec.MapTicket ticket = tickets.issue(serverId, characterId, userId, mapId);
        log.info("Ticket issued user={} character={} map={} server={}", userId, characterId, mapId, serverId);
        return new EntryGrant(characterId, mapId, serverId, server.get("ip").asString(), server.get("port").asInt(),
                ticket.token(), position == null ? 0 : position.get("x").asDouble(),
                position == null ? 0 : position.get("y").asDouble(), tickets.ttl().toSeconds());
    }

    /** The map server world-directory allocates for {@code mapId}, reused for {@code map-lookup-cache}. */
    private JsonNode serverFor(int mapId) throws GameError {
        long now = System.nanoTime();
        CachedServer cached = servers.get(mapId);
        if (cached != null && now - cached.fetchedNanos() < cacheNanos) {
            return cached.server();
        }
        InternalHttp.Reply reply = call(() -> http.get(directory.resolve("/map-registry/map/" + mapId)));
        if (reply.status() == 404) {
            throw new GameError("MAP_NOT_FOUND", "No map server is running map " + mapId);
        }
        if (reply.status() == 503) {
            throw new GameError("MAP_FULL", "Map " + mapId + " is full, try again shortly");
        }
        if (reply.status() != 200 || reply.body() == null) {
            log.error("world-directory answered {} for map={} (internal key mismatch?)", reply.status(), mapId);
            throw unavailable();
        }
        JsonNode server = reply.body();
        if (cacheNanos > 0) {
            servers.put(mapId, new CachedServer(server, now));
        }
        return server;
    }

    private static int mapIdOf(JsonNode character) throws GameError {
        JsonNode map = character.get("map_id");
        try {
            return Integer.parseInt(map.asString());
        } catch (RuntimeException e) {
            throw unavailable();
        }
    }

    private interface Call {
        InternalHttp.Reply run() throws DependencyUnavailableException;
    }

    private static InternalHttp.Reply call(Call call) throws GameError {
        try {
            return call.run();
        } catch (DependencyUnavailableException e) {
            log.warn("dependency unavailable: {}", e.getMessage());
            throw unavailable();
        }
    }

    private static GameError unavailable() {
        return new GameError("SERVICE_UNAVAILABLE", "The world is temporarily unavailable, try again shortly");
    }
}
