package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Welcome;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in the world: players by connection and by character, and the leases they stay under. It
 * lets them in (or hands an entity to a newer connection of the same character), takes them out
 * (leaving, kicked, moved through a gate, the server shutting down) and puts a stuck one back on the
 * spawn point. Tick thread only, but {@link #leases()}, which the lease renewal reads.
 */
final class Roster {

    private static final Logger log = LoggerFactory.getLogger(Roster.class);

    private final GameMap map;
    private final WorldSettings settings;
    private final Channel[] channels;
    private final EntityTable table;
    private final PlayerViews views;
    private final Map<Integer, Entity> entitiesById;
    private final SaveSchedule saves;
    private final IntSupplier nextEntityId;
    private final ItemCatalog catalog;
    private final Map<PlayerLink, Player> byLink = new HashMap<>();
    private final Map<String, Player> byCharacter = new HashMap<>();
    /** Lease id to character of every player in the world; read by the lease renewal off the tick thread. */
    private final Map<Long, String> leases = new ConcurrentHashMap<>();

    /**
     * @param entitiesById the world's entities by id, which players join and leave
     * @param nextEntityId the world's entity ids, shared with its mobs
     */
    Roster(GameMap map, WorldSettings settings, Channel[] channels, EntityTable table, PlayerViews views,
            Map<Integer, Entity> entitiesById, SaveSchedule saves, IntSupplier nextEntityId, ItemCatalog catalog) {
        this.catalog = catalog;
        this.map = map;
        this.settings = settings;
        this.channels = channels;
        this.table = table;
        this.views = views;
        this.entitiesById = entitiesById;
        this.saves = saves;
        this.nextEntityId = nextEntityId;
    }

    Player byLink(PlayerLink link) {
        return byLink.get(link);
    }

    Player byCharacter(String characterId) {
        return byCharacter.get(characterId);
    }

    int size() {
        return byLink.size();
    }

    /** Lease id to character of every player in the world (a live view, safe to read from any thread). */
    /** {@link Command.Parties}: each player's party, as Redis had it a moment ago. */
    void parties(Map<String, String> partyOf) {
        for (Player player : byCharacter.values()) {
            player.partyId = partyOf.get(player.characterId);
        }
    }

    Map<Long, String> leases() {
        return Collections.unmodifiableMap(leases);
    }

    void join(PlayerLink link, CharacterSheet sheet, long leaseId, int tick) {
        Player existing = byCharacter.get(sheet.characterId());
        if (!link.isOpen()) {
            if (leaseId != 0 && (existing == null || existing.leaseId != leaseId)) {
                saves.release(sheet.characterId(), leaseId); // granted for a player who left before entering
            }
            return;
        }
        if (existing != null) {
            if (existing.leaseId != leaseId) { // the lease lapsed meanwhile and was granted anew: its version is the stored one
                leases.remove(existing.leaseId);
                existing.leaseId = leaseId;
                existing.version = sheet.version();
                leases.put(leaseId, existing.characterId);
            }
            replaceConnection(existing, link);
            return;
        }
        Channel channel = leastFullChannel();
        if (channel == null) {
            link.close(new Rejected("MAP_FULL", "Every channel of this map is full"));
            if (leaseId != 0) {
                saves.release(sheet.characterId(), leaseId);
            }
            return;
        }
        Point at = startingPoint(sheet);
        Player player = new Player(nextEntityId.getAsInt(), sheet, at.x(), at.y(), link);
        player.leaseId = leaseId;
        int unknown = player.inventory.load(sheet.items(), catalog);
        if (unknown > 0) {
            log.error("Items of types the content does not have were not loaded character={} items={}", sheet.characterId(), unknown);
        }
        player.gearChanged();
        if (leaseId != 0) {
            leases.put(leaseId, sheet.characterId());
        }
        if (sheet.hp() <= 0) {
            player.hp = player.maxHp; // dead when saved: back at the spawn point with full health
        }
        table.add(player, tick);
        views.reset(player);
        channel.add(player);
        entitiesById.put(player.id, player);
        byLink.put(link, player);
        byCharacter.put(sheet.characterId(), player);
        saves.add(player);
        link.sendReliable(welcome(player));
        // ids as key-value pairs: fields of their own with LOG_FORMAT=json, appended to the line in text
        log.atInfo().addKeyValue("character_id", sheet.characterId()).addKeyValue("user_id", sheet.userId())
                .log("Player joined entity={} map={} channel={} at ({}, {})", player.id, map.id(), channel.number(),
                        Math.round(at.x()), Math.round(at.y()));
    }

    /** A second login of a character in the world takes over its entity; the older connection is closed. */
    private void replaceConnection(Player player, PlayerLink link) {
        PlayerLink old = player.link;
        byLink.remove(old);
        old.close(new Rejected("SESSION_REPLACED", "This character logged in from another connection"));
        player.link = link;
        byLink.put(link, player);
        views.reset(player); // the new client has seen nothing: what is in view is announced to it again
        player.lastInputSeq = 0;
        player.layoutSent = false; // nor drawn the map
        player.itemsKnown = false; // nor said it speaks items
        player.dirX = 0;
        player.dirY = 0;
        link.sendReliable(welcome(player));
        log.info("Player connection replaced character={} entity={} old_link={} new_link={}", player.characterId,
                player.id, old.linkId(), link.linkId());
    }

    private Point startingPoint(CharacterSheet sheet) {
        if (sheet.mapId() == map.id() && sheet.hp() > 0 && map.boxIsFree(sheet.x(), sheet.y(), settings.entityHalfSize())) {
            return new Point(sheet.x(), sheet.y());
        }
        return map.spawn();
    }

    private Channel leastFullChannel() {
        Channel best = null;
        for (Channel channel : channels) {
            if (!channel.isFull() && (best == null || channel.players < best.players)) {
                best = channel;
            }
        }
        return best;
    }

    void leave(PlayerLink link, int tick) {
        Player player = byLink.remove(link);
        if (player == null) {
            return;
        }
        remove(player, tick);
        saves.save(player, true);
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player left entity={} map={} channel={} at ({}, {})", player.id, map.id(), player.channelNumber(),
                        Math.round(player.x), Math.round(player.y));
    }

    /** Out of the world, its connection forgotten (the caller tells the client why). */
    void takeOut(Player player, int tick) {
        byLink.remove(player.link);
        remove(player, tick);
    }

    private void remove(Player player, int tick) {
        player.channel.remove(player);
        table.remove(player, tick);
        entitiesById.remove(player.id);
        byCharacter.remove(player.characterId);
        saves.remove(player);
        leases.remove(player.leaseId);
        player.removed = true;
    }

    /**
     * {@link Command.Kick}: the character leaves now, told why; with {@code save}, its last state is
     * written and the lease released (a handover to a newer login), without (the lease is lost or a
     * write was refused) nothing more is written under a lease this server no longer holds.
     */
    void kick(Command.Kick kick, int tick) {
        Player player = byCharacter.get(kick.characterId());
        if (player == null || player.leaseId != kick.leaseId()) {
            return; // gone already, or a newer stay of the character
        }
        takeOut(player, tick);
        if (kick.save() && player.transfer == null) { // a gate's pending write already releases the lease
            saves.save(player, true);
        }
        player.link.close(new Rejected(kick.code(), kick.message()));
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player removed entity={} code={} saved={}", player.id, kick.code(), kick.save());
    }

    /** Support staff moved a stuck character: back on the spawn point, seen there by everyone (itself included). */
    void unstuck(Command.Unstuck command, int tick) {
        Player player = byCharacter.get(command.characterId());
        if (player == null || player.leaseId != command.leaseId() || player.transfer != null) {
            return; // gone, a newer stay, or leaving through a gate
        }
        Point spawn = map.spawn();
        player.dirX = 0;
        player.dirY = 0;
        player.placeAt(spawn.x(), spawn.y(), tick);
        player.markPositionChanged(tick);
        saves.save(player, false);
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player moved to the spawn point by staff entity={} map={}", player.id, map.id());
    }

    /** Everyone out (the server is shutting down): each saved and released, told to enter the world again. */
    List<CharacterState> removeAll(int tick) {
        List<CharacterState> states = new ArrayList<>();
        for (Player player : List.copyOf(byLink.values())) {
            takeOut(player, tick);
            states.add(saves.saveReleased(player));
            player.link.close(new Rejected("SERVER_SHUTDOWN", "This map server is shutting down; enter the world again"));
        }
        return states;
    }

    Welcome welcome(Player player) {
        return player.welcome(map.id(), channels.length, settings.tickRate(), settings.viewRadius(),
                Leveling.nextLevelExp(player.level));
    }
}
