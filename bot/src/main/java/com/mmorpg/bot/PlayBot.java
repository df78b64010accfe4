package com.mmorpg.bot;

import com.mmorpg.client.auth.AuthClient;
import com.mmorpg.client.gateway.ChatMessage;
import com.mmorpg.client.gateway.GatewayClient;
import com.mmorpg.client.gateway.GatewayException;
import com.mmorpg.client.gateway.PartyUpdate;
import com.mmorpg.client.gateway.MapAssignment;
import com.mmorpg.client.map.MapClient;
import com.mmorpg.client.map.MapListener;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.Progress;
import com.mmorpg.protocol.Rejected;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One player's whole flow, as a person would play it: log in (registering the first time), create
 * a character if there is none, enter the world through the gateway, connect to the map server,
 * then hunt: walk to the nearest mob, attack it on cooldown, pick up the loot, wear what is better,
 * drink a potion when hurt ({@link BotItems}), print a line per event (chat it hears included, after
 * the recent talk of the world and its map), say a line now and then if told to, and follow gates to
 * the next map with {@code join_map}. Runs until {@code keepGoing} says stop.
 */
public final class PlayBot {

    /** What the bot prints, one line per event. */
    public interface Log {
        void line(String text);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long THINK_MILLIS = 50;

    private final Endpoints endpoints;
    private final String user;
    private final String password;
    private final Log log;
    private final Talk talk;

    /** A line the bot says on {@code channel} ({@code map}, {@code world} or {@code party}) every {@code every}. */
    public record Talk(String channel, String text, Duration every) {
    }

    /** Where the services are. */
    public record Endpoints(String authUrl, String gatewayUrl) {

        public static Endpoints from(Map<String, String> env) {
            return new Endpoints(env.getOrDefault("AUTH_SERVICE_URL", "http://localhost:3000"),
                    env.getOrDefault("GATEWAY_URL", "ws://localhost:3002"));
        }
    }

    public PlayBot(Endpoints endpoints, String user, String password, Log log) {
        this(endpoints, user, password, log, null);
    }

    /** As above, saying {@code talk}'s line now and then (null: the bot only listens). */
    public PlayBot(Endpoints endpoints, String user, String password, Log log, Talk talk) {
        this.endpoints = endpoints;
        this.user = user;
        this.password = password;
        this.log = log;
        this.talk = talk;
    }

    public static Log printingTo(PrintStream out) {
        return text -> out.println(text);
    }

    /** Plays until {@code keepGoing} is false; returns the character's id. */
    public String play(BooleanSupplier keepGoing) {
        AuthClient auth = new AuthClient(endpoints.authUrl());
        auth.loginOrRegister(user, password);
        AuthClient.Character character = auth.characters().stream().findFirst().orElseGet(() -> {
            AuthClient.CharacterClass first = auth.classes().getFirst();
            AuthClient.Character created = auth.createCharacter(characterName(user), first.id());
            log.line("created character " + created.name() + " (" + first.name() + ")");
            return created;
        });
        log.line("logged in as " + user + "; playing " + character.name() + " level " + character.level());
        BotItems items = new BotItems(itemTypes(auth), log);
        try (GatewayClient gateway = GatewayClient.connect(endpoints.gatewayUrl(), auth.accessToken(), TIMEOUT).followSession(auth)
                .onAnnouncement(message -> log.line("announcement: " + message))
                .onChat(line -> log.line(heard(line)))
                .onPartyInvitation(invitation -> log.line("party invitation from " + invitation.fromName() + " (party "
                        + invitation.partyId() + ")"))
                .onPartyUpdate(update -> log.line(update.partyId() == null ? "no longer in a party (" + update.reason() + ")"
                        : "party " + update.partyId() + ": " + update.members().stream().map(PartyUpdate.Member::name).toList()))) {
            MapAssignment assignment = gateway.enterWorld(character.id());
            for (String channel : new String[] {"world", "map"}) {
                for (ChatMessage line : gateway.history(channel)) {
                    log.line("(earlier) " + heard(line));
                }
            }
            Runnable talking = talking(gateway);
            while (keepGoing.getAsBoolean()) {
                Integer nextMap = playOnMap(assignment, keepGoing, talking, items);
                if (nextMap == null) {
                    break;
                }
                assignment = gateway.joinMap(nextMap);
            }
        }
        return character.id();
    }

    /** The world's item types, to name and judge items; none when auth-service does not say (an older one). */
    private List<AuthClient.ItemType> itemTypes(AuthClient auth) {
        try {
            return auth.itemTypes();
        } catch (RuntimeException e) {
            log.line("item types unknown (" + e.getMessage() + "): items are named by number");
            return List.of();
        }
    }

    /** One line per chat line heard: {@code [map] Name: text}, {@code [whisper] Name -> Other: text}. */
    static String heard(ChatMessage line) {
        return "[" + line.channel() + "] " + line.fromName() + (line.toName() == null ? "" : " -> " + line.toName()) + ": "
                + line.text();
    }

    /** What the play loop calls every think step: says {@link #talk}'s line when it is due. */
    private Runnable talking(GatewayClient gateway) {
        if (talk == null) {
            return () -> { };
        }
        long[] next = {System.nanoTime()};
        return () -> {
            if (System.nanoTime() - next[0] < 0) {
                return;
            }
            next[0] = System.nanoTime() + talk.every().toNanos();
            try {
                gateway.say(talk.channel(), talk.text());
            } catch (GatewayException e) {
                log.line("chat refused: " + e.code() + " " + e.getMessage());
            }
        };
    }

    /** Plays on one map server; returns the map a gate sent the character to, or null when done. */
    private Integer playOnMap(MapAssignment assignment, BooleanSupplier keepGoing, Runnable talking, BotItems items) {
        AtomicReference<MapTransfer> transfer = new AtomicReference<>();
        AtomicReference<MapClient.EntityView> picking = new AtomicReference<>();
        Map<Integer, String> names = new ConcurrentHashMap<>();
        int[] self = new int[1];
        long[] lastExp = {-1};
        // what the bot believes of itself: hp from the hits it takes, maxima and level from Progress
        int[] hp = new int[1];
        int[] maxHp = new int[1];
        int[] level = new int[1];
        MapClient map = MapClient.connect(assignment.mapIp(), assignment.mapPort(), assignment.ticket(), TIMEOUT,
                new MapListener() {
                    @Override
                    public void entered(EntityEntered entity) {
                        names.put(entity.id, entity.name);
                    }

                    @Override
                    public void combat(CombatEvent event) {
                        if (event.targetId == self[0]) {
                            hp[0] = event.targetHp;
                        }
                        if (event.killed && event.attackerId == self[0]) {
                            log.line("killed " + names.getOrDefault(event.targetId, "#" + event.targetId));
                        } else if (event.killed && event.targetId == self[0]) {
                            log.line("was killed by " + names.getOrDefault(event.attackerId, "#" + event.attackerId));
                        }
                    }

                    @Override
                    public void progress(Progress progress) {
                        String gained = lastExp[0] < 0 ? "" : "+" + (progress.exp - lastExp[0]) + " ";
                        lastExp[0] = progress.exp;
                        if (progress.level > level[0]) {
                            hp[0] = progress.maxHp; // a level-up heals fully
                        }
                        level[0] = progress.level;
                        maxHp[0] = progress.maxHp;
                        log.line(String.format(Locale.ROOT, "exp %s(%d/%d), level %d", gained, progress.exp,
                                progress.nextLevelExp, progress.level));
                    }

                    @Override
                    public void died(Died died) {
                        log.line(String.format(Locale.ROOT, "died; back at (%.0f, %.0f) in %d s", died.respawnX,
                                died.respawnY, died.respawnTicks / 20));
                        hp[0] = maxHp[0]; // back with full health
                    }

                    @Override
                    public void inventory(InventoryUpdate update) {
                        items.changed(update, update.refused == null && !update.full ? picking.getAndSet(null) : null);
                    }

                    @Override
                    public void transfer(MapTransfer moved) {
                        transfer.set(moved);
                    }

                    @Override
                    public void rejected(Rejected rejected) {
                        if (!"MAP_TRANSFER".equals(rejected.code)) {
                            log.line("map server closed the connection: " + rejected.code + " " + rejected.message);
                        }
                    }
                });
        self[0] = map.entityId();
        hp[0] = map.welcome().hp;
        maxHp[0] = map.welcome().maxHp;
        level[0] = map.welcome().level;
        log.line(String.format(Locale.ROOT, "entered map %d channel %d at (%.0f, %.0f)", map.welcome().mapId, map.channel(),
                map.welcome().x, map.welcome().y));
        try (map) {
            long lastAttack = 0;
            while (keepGoing.getAsBoolean() && map.isConnected() && transfer.get() == null) {
                Optional<MapClient.EntityView> prey = nearestMob(map);
                Optional<MapClient.EntityView> loot = items.nearestLoot(map);
                boolean threatened = prey.isPresent() && Math.hypot(prey.get().x() - map.prediction().x(),
                        prey.get().y() - map.prediction().y()) <= map.welcome().attackRange + 15;
                if (loot.isPresent() && !threatened) {
                    MapClient.EntityView item = loot.get();
                    float dx = item.x() - map.prediction().x();
                    float dy = item.y() - map.prediction().y();
                    double distance = Math.hypot(dx, dy);
                    if (distance <= 40) {
                        map.move(0, 0);
                        picking.set(item);
                        items.pickUp(map, item);
                    } else {
                        map.move((float) (dx / distance), (float) (dy / distance));
                    }
                } else if (prey.isPresent()) {
                    MapClient.EntityView mob = prey.get();
                    float dx = mob.x() - map.prediction().x();
                    float dy = mob.y() - map.prediction().y();
                    double distance = Math.hypot(dx, dy);
                    if (distance <= map.welcome().attackRange + 15) {
                        map.move(0, 0);
                        if (System.currentTimeMillis() - lastAttack >= 850) {
                            map.attack(mob.id());
                            lastAttack = System.currentTimeMillis();
                        }
                    } else {
                        map.move((float) (dx / distance), (float) (dy / distance));
                    }
                } else {
                    map.move(1, 0); // nothing in sight: explore eastwards (towards map 1's gate)
                }
                hp[0] = items.tend(map, level[0], hp[0], maxHp[0]);
                talking.run();
                sleep(THINK_MILLIS);
            }
            map.move(0, 0);
        }
        MapTransfer moved = transfer.get();
        if (moved == null) {
            return null;
        }
        log.line("moved through gate to map " + moved.mapId);
        return moved.mapId;
    }

    private static Optional<MapClient.EntityView> nearestMob(MapClient map) {
        float x = map.prediction().x();
        float y = map.prediction().y();
        return map.entities().values().stream()
                .filter(e -> e.kind() == EntityEntered.KIND_MOB && e.hp() > 0 && e.state() != 2)
                .filter(e -> Math.hypot(e.x() - x, e.y() - y) < 400)
                .min(Comparator.comparingDouble(e -> Math.hypot(e.x() - x, e.y() - y)));
    }

    /** A valid character name (3-16 letters or digits) from a user name. */
    static String characterName(String user) {
        String letters = user.replaceAll("[^A-Za-z0-9]", "");
        if (letters.length() < 3) {
            letters = letters + "Hero";
        }
        return letters.substring(0, Math.min(16, letters.length()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the bot's think rate (20 Hz), like a client's frame loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
