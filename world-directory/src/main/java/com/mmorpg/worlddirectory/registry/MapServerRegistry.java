package com.mmorpg.worlddirectory.registry;

import com.mmorpg.content.WorldContent;
import com.mmorpg.worlddirectory.DirectoryProperties;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.ContentMismatchException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.MapFullException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.MapNotFoundException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.ServerNotRegisteredException;
import com.mmorpg.worlddirectory.registry.RegistryExceptions.UnknownMapException;
import com.mmorpg.worlddirectory.registry.RegistryViews.HeartbeatRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.RegisterRequest;
import com.mmorpg.worlddirectory.registry.RegistryViews.ServerListing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry in Redis, keeping the seed's layout: key = server id ({@code map-server-1}), value =
 * its JSON, {@code EX} = the TTL, so {@code KEYS map-server-*}, {@code GET}, {@code TTL} work as the
 * seed's monitoring shows. Lookups never scan the keyspace: a set per map ({@code map:1:servers})
 * indexes the ids, and ids whose key expired are dropped from it when seen. A set of all ids
 * ({@code registry:servers}) serves the operators' listing.
 */
@Service
public class MapServerRegistry {

    static final String ALL_SERVERS = "registry:servers";
    /** Ids support staff drained: kept across the servers' re-registrations until undrained. */
    static final String DRAINED = "registry:drained";

    private static final Logger log = LoggerFactory.getLogger(MapServerRegistry.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> LIVE_SERVERS_OF_MAP =
            RedisScript.of(new ClassPathResource("scripts/live-servers-of-map.lua"), List.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final AllocationRefusals refusals;
    private final WorldContent content;
    private final Clock clock = Clock.systemUTC();

    MapServerRegistry(StringRedisTemplate redis, JsonMapper json, DirectoryProperties properties, AllocationRefusals refusals,
            WorldContent content) {
        this.redis = redis;
        this.refusals = refusals;
        this.content = content;
        this.json = json;
        this.ttl = properties.serverTtl();
    }

    static String indexOf(int mapId) {
        return "map:" + mapId + ":servers";
    }

    /** Stores (or replaces) a server's registration with a fresh TTL and indexes it by map. */
    MapServerRecord register(RegisterRequest request) {
        long now = clock.millis();
        List<Integer> maps = request.supportedMaps().stream().distinct().sorted().toList();
        MapServerRecord server = new MapServerRecord(request.id(),
                request.name() == null ? request.id() : request.name(), request.ip(), request.port(), maps,
                request.maxPlayers(), 0, 0, request.state() == null ? MapServerState.ACTIVE : request.state(), now, now,
                Boolean.TRUE.equals(redis.opsForSet().isMember(DRAINED, request.id())), request.opsAddress(), null, null, null, null,
                request.contentVersion());
        redis.opsForValue().set(server.id(), json.writeValueAsString(server), ttl);
        for (int map : maps) {
            redis.opsForSet().add(indexOf(map), server.id());
        }
        redis.opsForSet().add(ALL_SERVERS, server.id());
        log.info("Map server registered server={} maps={} address={}:{} max_players={} state={} content={}", server.id(), maps,
                server.ip(), server.port(), server.maxPlayers(), server.state(), server.contentVersion());
        if (server.contentVersion() != null && !server.contentVersion().equals(content.version())) {
            log.warn("Map server server={} runs content {}, this directory {}: players reach it only if auth-service runs {}",
                    server.id(), server.contentVersion(), content.version(), server.contentVersion());
        }
        return server;
    }

    /** Refreshes the TTL and the counts; an unknown or expired id is 404 so the server re-registers. */
    MapServerRecord heartbeat(HeartbeatRequest request) {
        MapServerRecord current = find(request.id());
        MapServerRecord updated = current.withHeartbeat(request.currentPlayers(),
                request.load() == null ? request.currentPlayers() : request.load(), request.tickP99Ms(),
                request.tickCpuP99Ms(), request.savesPending(), request.oldestUnsavedMs(), request.contentVersion(), clock.millis());
        // SET ... XX: never resurrect a key that expired between the read and this write.
        Boolean stored = redis.opsForValue().setIfPresent(updated.id(), json.writeValueAsString(updated), ttl);
        if (!Boolean.TRUE.equals(stored)) {
            throw new ServerNotRegisteredException(request.id());
        }
        log.debug("Heartbeat server={} players={} load={}", updated.id(), updated.currentPlayers(), updated.load());
        return updated;
    }

    void deregister(String id) {
        String value = redis.opsForValue().getAndDelete(id);
        if (value != null) {
            for (int map : json.readValue(value, MapServerRecord.class).supportedMaps()) {
                redis.opsForSet().remove(indexOf(map), id);
            }
            log.info("Map server deregistered server={}", id);
        }
        redis.opsForSet().remove(ALL_SERVERS, id);
    }

    /**
     * The ACTIVE server of the map with the most free slots, among those running content
     * {@code contentVersion} when the caller names one (the gateway names auth-service's).
     */
    MapServerRecord allocate(int mapId, String contentVersion) {
        List<MapServerRecord> candidates = new ArrayList<>();
        Map<String, String> otherContent = new TreeMap<>();
        for (Object value : liveServersOf(mapId)) {
            MapServerRecord server = json.readValue((String) value, MapServerRecord.class);
            if (!server.supportedMaps().contains(mapId)) {
                redis.opsForSet().remove(indexOf(mapId), server.id()); // re-registered without this map
            } else if (server.state() == MapServerState.ACTIVE && !server.drained()) {
                if (contentVersion == null || contentVersion.equals(server.contentVersion())) {
                    candidates.add(server);
                } else {
                    otherContent.put(server.id(), String.valueOf(server.contentVersion()));
                }
            }
        }
        if (candidates.isEmpty() && !otherContent.isEmpty()) {
            refusals.contentMismatch(mapId, contentVersion, otherContent);
            throw new ContentMismatchException(mapId, contentVersion, otherContent);
        }
        if (candidates.isEmpty() && !content.maps().containsKey(mapId)) {
            throw new UnknownMapException(mapId, content.maps().keySet());
        }
        if (candidates.isEmpty()) {
            throw new MapNotFoundException(mapId);
        }
        MapServerRecord best = candidates.stream()
                .max(Comparator.comparingInt(MapServerRecord::freeSlots).thenComparing(MapServerRecord::id))
                .orElseThrow();
        if (best.freeSlots() <= 0) {
            throw new MapFullException(mapId);
        }
        return best;
    }

    /**
     * Support staff drain a server (no new players are allocated to it; those on it stay) or take the
     * drain back. Unknown or expired ids are 404.
     */
    public MapServerRecord drain(String id, boolean drained) {
        MapServerRecord updated = find(id).withDrained(drained);
        if (drained) {
            redis.opsForSet().add(DRAINED, id);
        } else {
            redis.opsForSet().remove(DRAINED, id);
        }
        Long seconds = redis.getExpire(id);
        Boolean stored = redis.opsForValue().setIfPresent(id, json.writeValueAsString(updated),
                seconds == null || seconds <= 0 ? ttl : Duration.ofSeconds(seconds));
        if (!Boolean.TRUE.equals(stored)) {
            throw new ServerNotRegisteredException(id);
        }
        log.info("Map server {} server={}", drained ? "drained by staff" : "no longer drained", id);
        return updated;
    }

    /** The content this directory read: the maps that exist, and its version. */
    public WorldContent content() {
        return content;
    }

    public List<ServerListing> listLive() {
        Set<String> ids = redis.opsForSet().members(ALL_SERVERS);
        List<ServerListing> live = new ArrayList<>();
        if (ids == null) {
            return live;
        }
        for (String id : ids.stream().sorted().toList()) {
            String value = redis.opsForValue().get(id);
            Long seconds = redis.getExpire(id);
            if (value == null) {
                redis.opsForSet().remove(ALL_SERVERS, id);
            } else {
                live.add(new ServerListing(json.readValue(value, MapServerRecord.class), seconds == null ? -1 : seconds));
            }
        }
        return live;
    }

    /** A live server by id; 404 {@code SERVER_NOT_REGISTERED} when unknown or expired, or not a server id at all. */
    public MapServerRecord find(String id) {
        if (!id.matches(RegistryViews.SERVER_ID)) {
            throw new ServerNotRegisteredException("(invalid id)");
        }
        String value = redis.opsForValue().get(id);
        if (value == null) {
            throw new ServerNotRegisteredException(id);
        }
        return json.readValue(value, MapServerRecord.class);
    }

    private List<?> liveServersOf(int mapId) {
        List<?> values = redis.execute(LIVE_SERVERS_OF_MAP, List.of(indexOf(mapId)));
        return values == null ? List.of() : values;
    }
}
