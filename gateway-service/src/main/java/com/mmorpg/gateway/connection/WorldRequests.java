package com.mmorpg.gateway.connection;

import com.mmorpg.gateway.chat.Chat;
import com.mmorpg.gateway.pace.AccountPaces;
import com.mmorpg.gateway.protocol.Frames;
import com.mmorpg.gateway.protocol.GameError;
import com.mmorpg.gateway.world.EntryGrant;
import com.mmorpg.gateway.world.WorldEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code enter_world} and {@code join_map} of one connection: paced per account, handed to
 * {@link WorldEntry} (ownership, directory, ticket), answered with the map server to connect to; the
 * player's chat presence follows the map.
 */
@Component
class WorldRequests {

    private final WorldEntry world;
    private final Chat chat;
    private final AccountPaces paces;
    private final Frames frames;
    private final Replies replies;
    private final MeterRegistry meters;

    WorldRequests(WorldEntry world, Chat chat, AccountPaces paces, Frames frames, Replies replies, MeterRegistry meters) {
        this.world = world;
        this.chat = chat;
        this.paces = paces;
        this.frames = frames;
        this.replies = replies;
        this.meters = meters;
    }

    void enterWorld(PlayerConnection connection, Frames.Incoming incoming) {
        if (!admitEntry(connection)) {
            return;
        }
        String characterId = incoming.id("character_id");
        if (characterId == null) {
            replies.error(connection, "INVALID_MESSAGE", "enter_world needs data.character_id (a character id)");
            return;
        }
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            EntryGrant grant = world.enterWorld(connection.userId(), connection.sessionId(), characterId);
            connection.enteredWith(characterId);
            connection.chatter(chat.entered(connection, connection.chatter(), connection.userId(), characterId,
                    grant.characterName(), grant.mapId()));
            connection.send(frames.event("enter_world_success", payload(grant)));
        } catch (GameError e) {
            outcome = e.code();
            replies.error(connection, e.code(), e.getMessage());
        } finally {
            // what a player waits between enter_world and its answer: ownership check, directory, ticket
            Timer.builder("gateway.enter_world").description("enter_world handling, dependencies included")
                    .tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                    .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    void joinMap(PlayerConnection connection, Frames.Incoming incoming) {
        String mapId = incoming.id("map_id");
        if (mapId == null || mapId.length() > 9) {
            replies.error(connection, "INVALID_MESSAGE", "join_map needs data.map_id (a map id)");
            return;
        }
        if (connection.characterId() == null) {
            replies.error(connection, "FORBIDDEN", "Enter the world with a character first");
            return;
        }
        if (!admitEntry(connection)) {
            return;
        }
        try {
            EntryGrant grant = world.joinMap(connection.userId(), connection.sessionId(), connection.characterId(),
                    Integer.parseInt(mapId));
            if (connection.chatter() != null) {
                chat.moved(connection.chatter(), grant.mapId());
            }
            connection.send(frames.event("join_map_success", payload(grant)));
        } catch (GameError e) {
            replies.error(connection, e.code(), e.getMessage());
        }
    }

    /**
     * One more {@code enter_world} or {@code join_map} for the account, else answered RATE_LIMITED:
     * each reads auth-service and mints a ticket, and a client can repeat either at will. Per account
     * and shared by gateways, so neither a new socket nor another gateway starts afresh.
     */
    private boolean admitEntry(PlayerConnection connection) {
        AccountPaces.Verdict entry = paces.admit(AccountPaces.Kind.WORLD_ENTRY, connection.userId());
        if (!entry.admitted()) {
            replies.error(connection, "RATE_LIMITED", "Too many world entries; wait " + entry.secondsToWait() + " s");
        }
        return entry.admitted();
    }

    private static Map<String, Object> payload(EntryGrant grant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("map_ip", grant.mapIp());
        data.put("map_port", grant.mapPort());
        data.put("map_id", String.valueOf(grant.mapId()));
        data.put("server_id", grant.serverId());
        data.put("character_id", grant.characterId());
        data.put("ticket", grant.ticket());
        data.put("spawn_pos", Map.of("x", grant.spawnX(), "y", grant.spawnY()));
        data.put("expires_in", grant.expiresInSeconds());
        if (grant.mapVersion() != null) {
            data.put("map_version", grant.mapVersion());
        }
        return data;
    }
}
