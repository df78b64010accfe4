package com.mmorpg.gateway.world;

import com.mmorpg.common.internal.CharacterRecord;
import com.mmorpg.common.internal.CharacterStates;
import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.MapRegistry;
import com.mmorpg.common.internal.ServiceUnavailableException;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.gateway.config.GatewayProperties;
import com.mmorpg.gateway.protocol.GameError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The seed's Workflow 3: check the character's owner with auth-service, ask world-directory which
 * map server hosts its map, mint a single-use ticket for that server.
 */
@Service
public class WorldEntry {

    private static final Logger log = LoggerFactory.getLogger(WorldEntry.class);

    private final InternalClient auth;
    private final InternalClient directory;
    private final MapTicketCodec tickets;
    private final long cacheNanos;
    /** Map id and content version → the directory's last answer for them and when it was fetched (only successful answers). */
    private final Map<String, CachedServer> servers = new ConcurrentHashMap<>();

    private record CachedServer(MapRegistry.Allocation server, long fetchedNanos) {
    }

    WorldEntry(Backends backends, MapTicketCodec tickets, GatewayProperties properties) {
        this.auth = backends.auth();
        this.directory = backends.directory();
        this.tickets = tickets;
        this.cacheNanos = properties.mapLookupCache().toNanos();
    }

    /**
     * {@code enter_world}: the character goes to its saved map and position.
     *
     * @param sessionId the player's login session, written into the ticket: when it ends, the map server removes the player
     */
    public EntryGrant enterWorld(String userId, String sessionId, String characterId) throws GameError {
        CharacterRecord character = ownedCharacter(userId, characterId);
        return grant(userId, sessionId, character, mapIdOf(character));
    }

    /** {@code join_map}: after a map server moved the character through a gate and saved its new map. */
    public EntryGrant joinMap(String userId, String sessionId, String characterId, int mapId) throws GameError {
        CharacterRecord character = ownedCharacter(userId, characterId);
        if (mapIdOf(character) != mapId) {
            throw new GameError("FORBIDDEN", "Character is not on map " + mapId);
        }
        return grant(userId, sessionId, character, mapId);
    }

    private CharacterRecord ownedCharacter(String userId, String characterId) throws GameError {
        InternalClient.Reply reply = call(auth, CharacterStates.characterPath(characterId));
        if (reply.status() == 404) {
            throw new GameError("CHARACTER_NOT_FOUND", "Character not found");
        }
        if (reply.status() != 200) {
            refused(reply, "character=" + characterId);
        }
        CharacterRecord character = read(reply, CharacterRecord.class);
        if (!userId.equals(character.userId())) {
            log.info("Refused character={} to user={}: not the owner", characterId, userId);
            throw new GameError("FORBIDDEN", "You do not own this character");
        }
        return character;
    }

    private EntryGrant grant(String userId, String sessionId, CharacterRecord character, int mapId) throws GameError {
        String characterId = character.id();
        CharacterRecord.Position position = character.position();
        MapRegistry.Allocation server = serverFor(mapId, character.contentVersion());
        MapTicketCodec.MapTicket ticket = tickets.issue(server.id(), characterId, userId, mapId, sessionId);
        log.info("Ticket issued user={} character={} map={} server={}", userId, characterId, mapId, server.id());
        return new EntryGrant(characterId, character.name(), mapId, server.id(), server.ip(), server.port(), ticket.token(),
                position == null ? 0 : position.x(), position == null ? 0 : position.y(), tickets.ttl().toSeconds(),
                character.contentVersion());
    }

    /**
     * The map server world-directory allocates for {@code mapId} among those running auth-service's
     * content {@code contentVersion}, reused for {@code map-lookup-cache}.
     */
    private MapRegistry.Allocation serverFor(int mapId, String contentVersion) throws GameError {
        long now = System.nanoTime();
        String key = mapId + "/" + contentVersion;
        CachedServer cached = servers.get(key);
        if (cached != null && now - cached.fetchedNanos() < cacheNanos) {
            return cached.server();
        }
        InternalClient.Reply reply = call(directory, MapRegistry.allocationPath(mapId, contentVersion));
        if (reply.status() == 404) {
            throw new GameError("MAP_NOT_FOUND", "No map server is running map " + mapId);
        }
        if (reply.status() == 409 && reply.code().equals("CONTENT_MISMATCH")) { // a deployment mistake the directory logged
            throw new GameError("CONTENT_MISMATCH", "Map " + mapId + " runs another version of the world right now; try again later");
        }
        if (reply.status() == 503 && reply.code().equals("MAP_FULL")) { // an answer, not an outage
            throw new GameError("MAP_FULL", "Map " + mapId + " is full, try again shortly");
        }
        if (reply.status() != 200) {
            refused(reply, "map=" + mapId);
        }
        MapRegistry.Allocation server = read(reply, MapRegistry.Allocation.class);
        if (cacheNanos > 0) {
            servers.put(key, new CachedServer(server, now));
        }
        return server;
    }

    private static int mapIdOf(CharacterRecord character) throws GameError {
        try {
            return character.mapNumber();
        } catch (RuntimeException e) {
            throw unavailable();
        }
    }

    private static InternalClient.Reply call(InternalClient service, String path) throws GameError {
        try {
            return service.send("GET", path, null);
        } catch (ServiceUnavailableException e) {
            log.warn("dependency unavailable: {}", e.getMessage());
            throw unavailable();
        }
    }

    /** An answer no caller expects: an outage (5xx) or a deployment mistake (a 401 or 403 means the internal keys differ). */
    private static void refused(InternalClient.Reply reply, String what) throws GameError {
        if (reply.status() >= 500) {
            log.warn("{} answered {} for {}", reply.service(), reply.status(), what);
        } else {
            log.error("{} answered {} for {} (internal key mismatch?)", reply.service(), reply.status(), what);
        }
        throw unavailable();
    }

    private static <T> T read(InternalClient.Reply reply, Class<T> type) throws GameError {
        try {
            return reply.as(type);
        } catch (ServiceUnavailableException e) {
            log.warn("dependency answered out of contract: {}", e.getMessage());
            throw unavailable();
        }
    }

    private static GameError unavailable() {
        return new GameError("SERVICE_UNAVAILABLE", "The world is temporarily unavailable, try again shortly");
    }
}
