package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.AttackRequest;
import com.mmorpg.protocol.Authenticate;
import com.mmorpg.protocol.ChangeChannel;
import com.mmorpg.protocol.ChannelChanged;
import com.mmorpg.protocol.ClientMessage;
import com.mmorpg.protocol.ItemAction;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapLayoutRequest;
import com.mmorpg.protocol.MoveInput;
import com.mmorpg.protocol.TradeAction;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.ItemType;
import com.mmorpg.content.MobCatalog;
import com.mmorpg.content.MobType;
import com.mmorpg.content.MobZone;
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
 * regeneration → loot onto and old items off the ground → trades that must end → periodic saves → grids → visibility and snapshots). Time is the integer tick counter and randomness a seeded
 * {@link SplittableRandom}, so the same seed and the same commands give the same world. Who is in it is the
 * {@link Roster}'s, leaving through gates {@link GateJourneys}'s, when progress is written the
 * {@link SaveSchedule}'s; the world runs the tick, its inputs and its mobs.
 *
 * <p><b>Why this is one class:</b> it is the tick's order of steps and the commands that feed them,
 * the one object other threads reach ({@link #submit}). The rules of each step already live in
 * their systems ({@code MovementSystem}, {@code MobAiSystem}, {@code CombatSystem}, {@code
 * LifeSystem}, {@code ItemSystem}, {@code TradeSystem}); what is left is their order, the dispatch
 * of commands and inputs to them, spawning, and about twenty one-line read-only views for the
 * metrics and the tests, which belong beside the tick they read.
 */
public final class World {

    private static final Logger log = LoggerFactory.getLogger(World.class);
    private static final int MAX_QUEUED_COMMANDS = 200_000;

    private final GameMap map;
    /** The answer to {@code MapLayoutRequest}, made on the first one (the map never changes). */
    private MapLayout layout;
    private final WorldSettings settings;
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
    private final SaveSchedule saveSchedule;
    private final Roster roster;
    private final GateJourneys gates;
    private final ItemSystem items;
    private final TradeSystem trades;
    private final Queue<Command> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private int tick;
    private int nextEntityId = 1;
    private volatile int playerCount;
    /** Players per channel (index = channel number - 1), published once per tick. */
    private volatile int[] playersByChannel = new int[0];
    private volatile int entityCount;
    private volatile int groundItems;
    private volatile int openTrades;

    /**
     * @param table where the world mirrors its entities for {@code views}, which reads it (both are
     *        built by the caller: the composition root decides how replication runs)
     */
    public World(GameMap map, WorldSettings settings, CharacterSaves saves, TrafficCounter traffic, EntityTable table,
            PlayerViews views) {
        this(map, settings, saves, traffic, table, views, ItemCatalog.EMPTY, ItemIds.NONE);
    }

    /**
     * @param table where the world mirrors its entities for {@code views}, which reads it (both are
     *        built by the caller: the composition root decides how replication runs)
     * @param catalog the item types and loot tables of the content
     * @param ids fresh unique ids for items entering inventories
     */
    public World(GameMap map, WorldSettings settings, CharacterSaves saves, TrafficCounter traffic, EntityTable table,
            PlayerViews views, ItemCatalog catalog, ItemIds ids) {
        this.map = map;
        this.table = table;
        this.views = views;
        this.settings = settings;
        this.traffic = traffic;
        this.channels = new Channel[settings.channels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new Channel(i + 1, settings.channelCapacity(),
                    new SpatialGrid(map.widthPx(), map.heightPx(), settings.viewRadius() / 4));
        }
        this.channelList = List.of(channels);
        this.movement = new MovementSystem(map, settings.entityHalfSize(), settings.tickRate());
        this.random = new SplittableRandom(settings.seed());
        this.saveSchedule = new SaveSchedule(map, settings, saves);
        ItemSystem.Placement placement = new ItemSystem.Placement() {
            @Override
            public int nextEntityId() {
                return nextEntityId++;
            }

            @Override
            public void add(Channel channel, Entity entity) {
                addEntity(channel, entity);
            }

            @Override
            public void remove(Entity entity) {
                removeEntity(entity);
            }

            @Override
            public Entity entity(int id) {
                return entitiesById.get(id);
            }

            @Override
            public void submit(Command command) {
                World.this.submit(command);
            }
        };
        this.trades = new TradeSystem(saveSchedule, placement, traffic, map.id(), settings.tickRate());
        this.items = new ItemSystem(catalog, ids, random, traffic, saveSchedule, placement, trades, map.id(), settings.tickRate());
        this.combat = new CombatSystem(map, settings, random, traffic, saveSchedule, views, items::mobKilled);
        this.mobAi = new MobAiSystem(map, settings, random, combat);
        this.life = new LifeSystem(map, settings, random);
        this.roster = new Roster(map, settings, channels, table, views, entitiesById, saveSchedule, () -> nextEntityId++, catalog);
        this.gates = new GateJourneys(map, roster, saveSchedule, this::submit);
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
            gates.enter(channel);
            life.step(channel, tick);
        }
        LifeSystem.Due due = life.afterStep(tick);
        due.corpsesGone().forEach(this::removeEntity);
        due.respawns().forEach(respawn -> spawnInZone(respawn.channel(), respawn.type(), respawn.zone()));
        items.step(tick);
        trades.step(tick);
        saveSchedule.step(tick);
        int entities = 0;
        for (Channel channel : channels) {
            channel.grid.rebuild(channel.entities);
            entities += channel.entities.size();
        }
        views.publish(channelList, tick);
        playerCount = roster.size();
        int[] byChannel = new int[channels.length];
        for (int i = 0; i < channels.length; i++) {
            byChannel[i] = channels[i].players();
        }
        playersByChannel = byChannel;
        entityCount = entities;
        groundItems = items.groundCount();
        openTrades = trades.count();
    }

    private void applyCommands() {
        for (int applied = 0; applied < settings.maxCommandsPerTick(); applied++) {
            Command command = inbox.poll();
            if (command == null) {
                return;
            }
            queued.decrementAndGet();
            switch (command) {
                case Command.Join join -> roster.join(join.link(), join.sheet(), join.leaseId(), tick);
                case Command.Kick kick -> roster.kick(kick, tick);
                case Command.Unstuck unstuck -> roster.unstuck(unstuck, tick);
                case Command.Leave leave -> roster.leave(leave.link(), tick);
                case Command.Input input -> input(input.link(), input.message());
                case Command.RemoveAll removeAll -> removeAll(removeAll);
                case Command.TransferSaved saved -> gates.saved(saved, tick);
                case Command.DropStored stored -> items.dropStored(stored, tick);
                case Command.TradeStored stored -> trades.stored(stored);
                case Command.Parties parties -> roster.parties(parties.partyOf());
            }
        }
    }

    /** Lease id to character of every player in the world (a live view, safe to read from any thread). */
    public Map<Long, String> leases() {
        return roster.leases();
    }

    private void removeEntity(Entity entity) {
        entity.channel.remove(entity);
        table.remove(entity, tick);
        entitiesById.remove(entity.id);
        entity.removed = true;
    }

    private void input(PlayerLink link, ClientMessage message) {
        Player player = roster.byLink(link);
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
            case ItemAction action -> items.act(player, action, tick);
            case TradeAction action -> trades.act(player, action, tick);
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
        List<CharacterState> states = roster.removeAll(tick);
        playerCount = 0;
        command.done().complete(states);
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

    private void spawnInZone(Channel channel, MobType type, MobZone zone) {
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
        addEntity(channel, mob);
        return mob;
    }

    private void addEntity(Channel channel, Entity entity) {
        table.add(entity, tick);
        channel.add(entity);
        entitiesById.put(entity.id, entity);
    }

    /** A stack lying on the ground of channel {@code number}, anyone's (benchmarks, tests). Tick thread only. */
    public void dropOnGround(int number, ItemType type, int quantity, float x, float y) {
        items.place(new ItemSystem.Drop(channels[number - 1], type, quantity, 0, x, y, null, null), tick);
    }

    /** Items lying on the ground in every channel (tick thread; tests, metrics). */
    public int groundItemCount() {
        return items.groundCount();
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
        return roster.byCharacter(characterId);
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

    /** Items lying on the ground as of the last tick. Safe from any thread. */
    public int publishedGroundItems() {
        return groundItems;
    }

    /** Trades asked, open or being written as of the last tick. Safe from any thread. */
    public int publishedOpenTrades() {
        return openTrades;
    }

    /** Safe from any thread (updated once per tick). */
    public int entityCount() {
        return entityCount;
    }

    public int queuedCommands() {
        return queued.get();
    }
}
