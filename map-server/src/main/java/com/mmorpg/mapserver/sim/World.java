package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.AttackRequest;
import com.mmorpg.common.protocol.Authenticate;
import com.mmorpg.common.protocol.ChangeChannel;
import com.mmorpg.common.protocol.ChannelChanged;
import com.mmorpg.common.protocol.ClientMessage;
import com.mmorpg.common.protocol.MapLayout;
import com.mmorpg.common.protocol.MapLayoutRequest;
import com.mmorpg.common.protocol.MapTransfer;
import com.mmorpg.common.protocol.MoveInput;
import com.mmorpg.common.protocol.Rejected;
import com.mmorpg.common.protocol.Welcome;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.Gate;
import com.mmorpg.content.MobCatalog;
import com.mmorpg.content.MobType;
import com.mmorpg.content.MobZone;
import com.mmorpg.content.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authoritative world of one map server: its channels and everything in them. Owned by one
 * thread: other threads only {@link #submit} commands, applied at the start of the next
 * {@link #tick}. A tick is a fixed list of steps: apply commands → movement → rebuild the grids →
 * visibility and snapshots (in full: commands → mob AI → movement → gates → deaths, respawns and
 * regeneration → periodic saves → grids → visibility and snapshots). Time is the integer tick counter and randomness a seeded
 * {@link SplittableRandom}, so the same seed and the same commands give the same world.
 */
public final class World {

    private static final Logger log = LoggerFactory.getLogger(World.class);
    private static final int MAX_QUEUED_COMMANDS = 200_000;
    /** Every player's state is saved this often (staggered over the interval), besides leave and level-up. */

    private final GameMap map;
    /** The answer to {@code MapLayoutRequest}, made on the first one (the map never changes). */
    private MapLayout layout;
    private final WorldSettings settings;
    private final CharacterSaves saves;
    private final TrafficCounter traffic;
    private final Channel[] channels;
    private final List<Channel> channelList;
    private final MovementSystem movement;
    private final PlayerViews views;
    private final SplittableRandom random;
    private final CombatSystem combat;
    private final MobAiSystem mobAi;
    private final LifeSystem life;
    private final Map<Integer, Entity> entitiesById = new HashMap<>();
    private final EntityTable table;
    private final int saveEveryTicks;
    /** Players by the tick (modulo {@link #saveEveryTicks}) of their periodic save: a tick visits only its own. */
    private final List<List<Player>> saveRounds;
    private final Queue<Command> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<PlayerLink, Player> playersByLink = new HashMap<>();
    private final Map<String, Player> playersByCharacter = new HashMap<>();
    /** Lease id to character of every player in the world; read by the lease renewal off the tick thread. */
    private final Map<Long, String> leases = new java.util.concurrent.ConcurrentHashMap<>();
    private int tick;
    private int nextEntityId = 1;
    private volatile int playerCount;
    /** Players per channel (index = channel number - 1), published once per tick. */
    private volatile int[] playersByChannel = new int[0];
    private volatile int entityCount;

    /**
     * @param table where the world mirrors its entities for {@code views}, which reads it (both are
     *        built by the caller: the composition root decides how replication runs)
     */
    public World(GameMap map, WorldSettings settings, CharacterSaves saves, TrafficCounter traffic, EntityTable table,
            PlayerViews views) {
        this.map = map;
        this.table = table;
        this.views = views;
        this.settings = settings;
        this.saves = saves;
        this.traffic = traffic;
        this.channels = new Channel[settings.channels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new Channel(i + 1, settings.channelCapacity(),
                    new SpatialGrid(map.widthPx(), map.heightPx(), settings.viewRadius() / 4));
        }
        this.channelList = List.of(channels);
        this.movement = new MovementSystem(map, settings.entityHalfSize(), settings.tickRate());
        this.random = new SplittableRandom(settings.seed());
        this.combat = new CombatSystem(map, settings, random, traffic, saves, views);
        this.mobAi = new MobAiSystem(map, settings, random, combat);
        this.life = new LifeSystem(map, settings, random);
        this.saveEveryTicks = settings.saveEverySeconds() * settings.tickRate();
        this.saveRounds = new ArrayList<>(saveEveryTicks);
        for (int i = 0; i < saveEveryTicks; i++) {
            saveRounds.add(new ArrayList<>(4));
        }
    }

    /** From any thread. False when the queue is full (the command is dropped). */
    public boolean submit(Command command) {
        if (queued.incrementAndGet() > MAX_QUEUED_COMMANDS) {
            queued.decrementAndGet();
            traffic.inputDropped("queue_full");
            return false;
        }
        inbox.add(command);
        return true;
    }

    /** Runs one tick on the calling thread (the tick thread). */
    public void tick() {
        tick++;
        views.tickStarting(); // whoever shares the interest step gets ready while the steps before it run
        applyCommands();
        for (Channel channel : channels) {
            mobAi.step(channel, tick);
        }
        for (Channel channel : channels) {
            movement.step(channel, tick);
        }
        for (Channel channel : channels) {
            enterGates(channel);
            life.step(channel, tick);
        }
        life.afterStep(this, tick);
        savePeriodically();
        int entities = 0;
        for (Channel channel : channels) {
            channel.grid.rebuild(channel.entities);
            entities += channel.entities.size();
        }
        views.publish(channelList, tick);
        playerCount = playersByLink.size();
        int[] byChannel = new int[channels.length];
        for (int i = 0; i < channels.length; i++) {
            byChannel[i] = channels[i].players();
        }
        playersByChannel = byChannel;
        entityCount = entities;
    }

    private void applyCommands() {
        for (int applied = 0; applied < settings.maxCommandsPerTick(); applied++) {
            Command command = inbox.poll();
            if (command == null) {
                return;
            }
            queued.decrementAndGet();
            switch (command) {
                case Command.Join join -> join(join.link(), join.sheet(), join.leaseId());
                case Command.Kick kick -> kick(kick);
                case Command.Unstuck unstuck -> unstuck(unstuck);
                case Command.Leave leave -> leave(leave.link());
                case Command.Input input -> input(input.link(), input.message());
                case Command.RemoveAll removeAll -> removeAll(removeAll);
                case Command.TransferSaved saved -> transferSaved(saved);
            }
        }
    }

    private void join(PlayerLink link, CharacterSheet sheet, long leaseId) {
        Player existing = playersByCharacter.get(sheet.characterId());
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
        Player player = new Player(nextEntityId++, sheet, at.x(), at.y(), link);
        player.leaseId = leaseId;
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
        playersByLink.put(link, player);
        playersByCharacter.put(sheet.characterId(), player);
        saveRound(player).add(player);
        link.sendReliable(welcome(player));
        // ids as key-value pairs: fields of their own with LOG_FORMAT=json, appended to the line in text
        log.atInfo().addKeyValue("character_id", sheet.characterId()).addKeyValue("user_id", sheet.userId())
                .log("Player joined entity={} map={} channel={} at ({}, {})", player.id, map.id(), channel.number(),
                        Math.round(at.x()), Math.round(at.y()));
    }

    /** A second login of a character in the world takes over its entity; the older connection is closed. */
    private void replaceConnection(Player player, PlayerLink link) {
        PlayerLink old = player.link;
        playersByLink.remove(old);
        old.close(new Rejected("SESSION_REPLACED", "This character logged in from another connection"));
        player.link = link;
        playersByLink.put(link, player);
        views.reset(player); // the new client has seen nothing: what is in view is announced to it again
        player.lastInputSeq = 0;
        player.layoutSent = false; // nor drawn the map
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

    private void leave(PlayerLink link) {
        Player player = playersByLink.remove(link);
        if (player == null) {
            return;
        }
        remove(player);
        save(player, true);
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player left entity={} map={} channel={} at ({}, {})", player.id, map.id(), player.channelNumber(),
                        Math.round(player.x), Math.round(player.y));
    }

    private void remove(Player player) {
        player.channel.remove(player);
        table.remove(player, tick);
        entitiesById.remove(player.id);
        playersByCharacter.remove(player.characterId);
        saveRound(player).remove(player);
        leases.remove(player.leaseId);
        player.removed = true;
    }

    /**
     * {@link Command.Kick}: the character leaves now, told why; with {@code save}, its last state is
     * written and the lease released (a handover to a newer login), without (the lease is lost or a
     * write was refused) nothing more is written under a lease this server no longer holds.
     */
    private void kick(Command.Kick kick) {
        Player player = playersByCharacter.get(kick.characterId());
        if (player == null || player.leaseId != kick.leaseId()) {
            return; // gone already, or a newer stay of the character
        }
        playersByLink.remove(player.link);
        remove(player);
        if (kick.save() && player.transfer == null) { // a gate's pending write already releases the lease
            save(player, true);
        }
        player.link.close(new Rejected(kick.code(), kick.message()));
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player removed entity={} code={} saved={}", player.id, kick.code(), kick.save());
    }

    /** Support staff moved a stuck character: back on the spawn point, seen there by everyone (itself included). */
    private void unstuck(Command.Unstuck command) {
        Player player = playersByCharacter.get(command.characterId());
        if (player == null || player.leaseId != command.leaseId() || player.transfer != null) {
            return; // gone, a newer stay, or leaving through a gate
        }
        Point spawn = map.spawn();
        player.dirX = 0;
        player.dirY = 0;
        player.placeAt(spawn.x(), spawn.y(), tick);
        player.markPositionChanged(tick);
        save(player, false);
        log.atInfo().addKeyValue("character_id", player.characterId)
                .log("Player moved to the spawn point by staff entity={} map={}", player.id, map.id());
    }

    /** Hands the player's state to the saves; {@code release} ends its stay (the lease goes with the write). */
    private java.util.concurrent.CompletableFuture<Void> save(Player player, boolean release) {
        CharacterState state = player.state(map.id());
        player.lastSaved = state;
        return saves.save(release ? state.released() : state);
    }

    /** Lease id to character of every player in the world (a live view, safe to read from any thread). */
    public Map<Long, String> leases() {
        return java.util.Collections.unmodifiableMap(leases);
    }

    void removeMob(Mob mob) {
        mob.channel.remove(mob);
        table.remove(mob, tick);
        entitiesById.remove(mob.id);
        mob.removed = true;
    }

    /** A player standing in a gate is frozen and saved onto the target map; it leaves once that is stored. */
    private void enterGates(Channel channel) {
        if (map.gates().isEmpty()) {
            return;
        }
        for (Entity entity : channel.entities) {
            if (entity instanceof Player player && player.isAlive() && player.transfer == null) {
                Gate gate = map.gateAt(player.x, player.y);
                if (gate != null) {
                    player.transfer = new Player.TransferTarget(gate.targetMap(), gate.target().x(), gate.target().y());
                    player.dirX = 0;
                    player.dirY = 0;
                    String characterId = player.characterId;
                    log.info("Player entered gate character={} entity={} gate=\"{}\" from_map={} to_map={}", characterId,
                            player.id, gate.name(), map.id(), gate.targetMap());
                    save(player, true).whenComplete((ok, error) ->
                            submit(new Command.TransferSaved(characterId, error == null)));
                }
            }
        }
    }

    private void transferSaved(Command.TransferSaved saved) {
        Player player = playersByCharacter.get(saved.characterId());
        if (player == null || player.transfer == null) {
            return; // left meanwhile: its leave saved the same target
        }
        Player.TransferTarget target = player.transfer;
        if (!saved.saved()) {
            log.warn("Gate transfer not saved, player stays character={} to_map={}", player.characterId, target.mapId());
            player.transfer = null;
            player.placeAt(map.spawn().x(), map.spawn().y(), tick);
            return;
        }
        playersByLink.remove(player.link);
        remove(player);
        player.link.sendReliable(new MapTransfer(target.mapId(), target.x(), target.y()));
        player.link.close(new Rejected("MAP_TRANSFER", "Continue on map " + target.mapId() + ": send join_map to the gateway"));
        log.info("Player moved to another map character={} entity={} to_map={} at ({}, {})", player.characterId,
                player.id, target.mapId(), Math.round(target.x()), Math.round(target.y()));
    }

    private void savePeriodically() {
        for (Player player : saveRounds.get(tick % saveEveryTicks)) {
            if (player.transfer == null && !player.state(map.id()).sameProgress(player.lastSaved)) {
                save(player, false);
            }
        }
    }

    /** Staggered: a player is saved on the ticks where {@code tick + id * 7919} is a multiple of the interval. */
    private List<Player> saveRound(Player player) {
        return saveRounds.get((int) Math.floorMod(-player.id * 7919L, (long) saveEveryTicks));
    }

    private void input(PlayerLink link, ClientMessage message) {
        Player player = playersByLink.get(link);
        if (player == null) {
            return;
        }
        switch (message) {
            case MoveInput move -> {
                if (!player.isAlive() || player.transfer != null || !player.steer(move.seq, move.dirX, move.dirY, tick)) {
                    traffic.inputDropped("stale_move");
                }
            }
            case ChangeChannel change -> changeChannel(player, change.channel);
            case AttackRequest attack -> combat.playerAttacks(player, entitiesById.get(attack.targetId), tick);
            case MapLayoutRequest ignored -> sendLayout(player);
            case Authenticate ignored -> traffic.inputDropped("already_authenticated");
        }
    }

    /** Once per connection: the definition is a few KB, and a client has no reason to ask twice. */
    private void sendLayout(Player player) {
        if (player.layoutSent) {
            traffic.inputDropped("layout_repeated");
            return;
        }
        if (layout == null) {
            layout = new MapLayout(map.id(), map.definition());
        }
        if (layout.definition.length() > MapLayout.MAX_DEFINITION_CHARS) { // a map built in code, larger than clients accept
            traffic.inputDropped("layout_too_large");
            return;
        }
        player.layoutSent = true;
        player.link.sendReliable(layout);
    }

    private void changeChannel(Player player, int number) {
        if (!player.isAlive() || player.transfer != null || number < 1 || number > channels.length || number == player.channelNumber() || channels[number - 1].isFull()) {
            traffic.inputDropped("channel_refused");
            player.link.sendReliable(new ChannelChanged(player.channelNumber(), false));
            return;
        }
        int from = player.channelNumber();
        player.channel.remove(player);
        views.forget(player);
        channels[number - 1].add(player);
        player.markPositionChanged(tick);
        player.link.sendReliable(new ChannelChanged(number, true));
        log.info("Player changed channel character={} entity={} from={} to={}", player.characterId, player.id, from, number);
    }

    private void removeAll(Command.RemoveAll command) {
        List<CharacterState> states = new ArrayList<>();
        for (Player player : List.copyOf(playersByLink.values())) {
            playersByLink.remove(player.link);
            remove(player);
            CharacterState state = player.state(map.id()).released();
            if (player.transfer == null) { // a gate's pending write already carries the last state
                saves.save(state);
            }
            states.add(state);
            player.link.close(new Rejected("SERVER_SHUTDOWN", "This map server is shutting down; enter the world again"));
        }
        playerCount = 0;
        command.done().complete(states);
    }

    private Welcome welcome(Player player) {
        return player.welcome(map.id(), channels.length, settings.tickRate(), settings.viewRadius(),
                Leveling.nextLevelExp(player.level));
    }

    /** Fills every channel's mob zones from the catalog (at start-up, before the tick thread runs). */
    public void spawnZones(MobCatalog catalog) {
        for (Channel channel : channels) {
            for (MobZone zone : map.mobZones()) {
                for (int i = 0; i < zone.count(); i++) {
                    spawnInZone(channel, catalog.get(zone.mob()), zone);
                }
            }
        }
    }

    void spawnInZone(Channel channel, MobType type, MobZone zone) {
        float[] at = life.freePointIn(zone.area());
        if (at == null) {
            log.warn("No free ground for a {} in zone {} of map {}", type.key(), zone.area(), map.id());
            return;
        }
        add(channel, new Mob(nextEntityId++, type, zone, at[0], at[1]));
    }

    /** A mob with its AI in channel {@code number}, living around (x, y) (tests, benchmarks). Tick thread only. */
    public Mob spawnMob(int number, MobType type, float x, float y) {
        return add(channels[number - 1], new Mob(nextEntityId++, type, null, x, y));
    }

    /** A mob without AI, moved by {@link Mob#steer} (tests, benchmarks). Tick thread only. */
    public Mob spawnMob(int number, int typeId, String name, float x, float y, float speed, int maxHp) {
        MobType type = new MobType("scripted", typeId, name, maxHp, 1, 0, speed, 0, 0, 20, 1, 0, 1, false);
        Mob mob = add(channels[number - 1], new Mob(nextEntityId++, type, null, x, y));
        mob.scripted = true;
        return mob;
    }

    private Mob add(Channel channel, Mob mob) {
        table.add(mob, tick);
        channel.add(mob);
        entitiesById.put(mob.id, mob);
        return mob;
    }

    /** Any entity by id (tests; tick thread only). */
    public Entity entity(int id) {
        return entitiesById.get(id);
    }

    /** Same seed and same commands give the same hash: positions, health, state and channel of every entity. */
    public long hash() {
        List<Entity> all = new ArrayList<>();
        for (Channel channel : channels) {
            all.addAll(channel.entities);
        }
        all.sort(Comparator.comparingInt(e -> e.id));
        long hash = tick;
        for (Entity e : all) {
            hash = hash * 31 + e.id;
            hash = hash * 31 + Float.floatToIntBits(e.x);
            hash = hash * 31 + Float.floatToIntBits(e.y);
            hash = hash * 31 + e.hp;
            hash = hash * 31 + e.state;
            hash = hash * 31 + e.channelNumber();
        }
        return hash;
    }

    public int currentTick() {
        return tick;
    }

    public GameMap map() {
        return map;
    }

    public WorldSettings settings() {
        return settings;
    }

    public SplittableRandom random() {
        return random;
    }

    public Channel channel(int number) {
        return channels[number - 1];
    }

    public int channelCount() {
        return channels.length;
    }

    /** Tick thread only. */
    public Player player(String characterId) {
        return playersByCharacter.get(characterId);
    }

    /** Players in channel {@code number} (1-based) as of the last tick; 0 for an unknown channel. Safe from any thread. */
    public int playersInChannel(int number) {
        int[] counts = playersByChannel;
        return number >= 1 && number <= counts.length ? counts[number - 1] : 0;
    }

    /** Safe from any thread (updated once per tick). */
    public int playerCount() {
        return playerCount;
    }

    /** Safe from any thread (updated once per tick). */
    public int entityCount() {
        return entityCount;
    }

    public int queuedCommands() {
        return queued.get();
    }
}
