package com.mmorpg.mapserver;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.tls.TrustedCertificates;
import com.mmorpg.common.token.LiveViewCredentials;
import com.mmorpg.common.token.MapTicketCodec;
import com.mmorpg.common.token.SigningKeys;
import com.mmorpg.common.token.TicketReplayGuard;
import com.mmorpg.content.GameMap;
import com.mmorpg.content.ItemCatalog;
import com.mmorpg.content.MobCatalog;
import com.mmorpg.content.WorldContent;
import com.mmorpg.mapserver.character.CharacterPersistence;
import com.mmorpg.mapserver.character.ItemIdPool;
import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.directory.DirectoryRegistration;
import com.mmorpg.mapserver.interest.InterestScheduler;
import com.mmorpg.mapserver.net.MapNetwork;
import com.mmorpg.mapserver.net.TicketCheck;
import com.mmorpg.mapserver.ops.MapServerMetrics;
import com.mmorpg.mapserver.ops.OpsServer;
import com.mmorpg.mapserver.party.PartyLookup;
import com.mmorpg.mapserver.runtime.CpuReservation;
import com.mmorpg.mapserver.runtime.TickLoop;
import com.mmorpg.mapserver.sim.CharacterState;
import com.mmorpg.mapserver.sim.Command;
import com.mmorpg.mapserver.sim.EntityTable;
import com.mmorpg.mapserver.sim.World;
import com.mmorpg.mapserver.sim.WorldSettings;
import com.mmorpg.mapserver.spectate.Spectators;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running map server: the world and its tick thread, the KryoNet endpoint, the directory
 * registration, character loading and saving, and the ops port. {@link #start} wires them;
 * {@link #shutdown} takes them down in the order that loses nothing.
 */
public final class MapServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MapServer.class);

    private final MapServerConfig config;
    private final CpuReservation cpu;
    private final GameMap map;
    private final MapServerMetrics metrics;
    private final ExecutorService io;
    private final ScheduledExecutorService scheduler;
    private final World world;
    private final InterestScheduler interest;
    private final CharacterPersistence persistence;
    private final TickLoop tickLoop;
    private final MapNetwork network;
    private final OpsServer ops;
    private final DirectoryRegistration registration;
    private final LeaseKeeper leases;
    /** Null without {@code REDIS_URL}: loot is then reserved for its killer alone. */
    private final PartyLookup parties;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean draining;

    private MapServer(MapServerConfig config, CpuReservation cpu, GameMap map, MapServerMetrics metrics, ExecutorService io,
            ScheduledExecutorService scheduler, World world, InterestScheduler interest, CharacterPersistence persistence,
            TickLoop tickLoop, MapNetwork network, OpsServer ops, DirectoryRegistration registration, LeaseKeeper leases,
            PartyLookup parties) {
        this.parties = parties;
        this.leases = leases;
        this.config = config;
        this.cpu = cpu;
        this.interest = interest;
        this.map = map;
        this.metrics = metrics;
        this.io = io;
        this.scheduler = scheduler;
        this.world = world;
        this.persistence = persistence;
        this.tickLoop = tickLoop;
        this.network = network;
        this.ops = ops;
        this.registration = registration;
    }

    /** The server of map {@code config.mapId()} of {@code content}. */
    public static MapServer start(MapServerConfig config, WorldContent content) throws IOException {
        return start(config, content.map(config.mapId()), content.mobs(), content.items(), content.version());
    }

    /**
     * @param items the item types and loot tables
     * @param contentVersion the version of the content {@code map}, {@code mobs} and {@code items} come from, which the
     *        directory compares
     */
    public static MapServer start(MapServerConfig config, GameMap map, MobCatalog mobs, ItemCatalog items, String contentVersion)
            throws IOException {
        // Before this thread creates the others: they inherit its CPUs.
        CpuReservation cpu = CpuReservation.reserve(config.tickCpu(), config.tickCpuLockDir());
        MapServerMetrics metrics = new MapServerMetrics(config.serverId(), config.mapId());
        ExecutorService io = Executors.newFixedThreadPool(2, daemon(cpu, "backend-io"));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon(cpu, "map-server-scheduler"));
        SSLContext tls = TrustedCertificates.sslContext(Map.of(TrustedCertificates.VARIABLE, config.trustedCertificates()));
        HttpClient http = InternalClient.httpClient(config.backendTimeout(), io, tls);
        InternalClient auth = new InternalClient("auth-service", config.authServiceUrl(), config.internalApiKey(),
                config.backendTimeout(), http);
        InternalClient directory = new InternalClient("world-directory", config.worldDirectoryUrl(), config.internalApiKey(),
                config.backendTimeout(), http);
        World[] worlds = new World[1];
        // A refused write removes the player at once: nobody plays on unsaved under a lease this server lost.
        CharacterPersistence persistence = new CharacterPersistence(auth, scheduler, Duration.ofSeconds(1), metrics,
                (state, code) -> {
                    if (!worlds[0].submit(new Command.Kick(state.characterId(), state.leaseId(), code,
                            "This character's progress could not be saved here (" + code + "); enter the world again", false))) {
                        log.error("Could not ask the world to remove character={} after a refused save (its inbox is full)",
                                state.characterId());
                    }
                });
        WorldSettings settings = WorldSettings.of(config.tickRate(), config.channels(), config.channelCapacity(),
                        config.viewRadius(), config.worldSeed()).withInterestThreads(config.interestThreads())
                .withMaxVisible(config.maxVisible()).withSaveEverySeconds((int) config.saveInterval().toSeconds());
        EntityTable table = new EntityTable(InterestScheduler.SLOT_QUARANTINE_TICKS);
        InterestScheduler interest = new InterestScheduler(settings, table, metrics, cpu.avoiding(InterestScheduler.daemonThreads()));
        ItemIdPool itemIds = new ItemIdPool(auth, scheduler, config.serverId());
        World world = new World(map, settings, persistence, metrics, table, interest, items, itemIds);
        worlds[0] = world;
        LeaseKeeper leases = new LeaseKeeper(auth, scheduler, persistence, config.serverId(), config.mapId(),
                config.handoverWait(), config.leaseRenewInterval());
        world.spawnZones(mobs);
        Clock clock = Clock.systemUTC();
        TicketCheck tickets = new TicketCheck(
                new MapTicketCodec(SigningKeys.of("TICKET_SECRET", config.ticketSecret(), config.ticketSecretPrevious()),
                        Duration.ofSeconds(30), clock),
                new TicketReplayGuard(clock, 200_000), config.serverId(), config.mapId());
        MapNetwork network = null;
        TickLoop tickLoop = null;
        PartyLookup parties = null;
        try {
            MapNetwork.PendingCaps pending = new MapNetwork.PendingCaps(config.pendingPerAddress(),
                    config.pendingPerIpv4Network(), config.pendingPerIpv6Network(), config.pendingTotal());
            network = MapNetwork.bind(new MapNetwork.Settings(config.port(), config.authTimeout(), pending,
                            config.slowReaderBytes(), config.tickRate(), config.nativeTransport()), world, tickets, leases, metrics,
                    cpu.avoiding(new io.netty.util.concurrent.DefaultThreadFactory("net-io", true)));
            MapNetwork sending = network;
            Spectators spectators = new Spectators(map, world.channelCount());
            ServerHealth.TickWatch tickWatch = new ServerHealth.TickWatch();
            tickLoop = new TickLoop(world, "tick-map-" + config.mapId(), new TickLoop.Observer() {
                @Override
                public void tickCompleted(long nanos, long cpuNanos, boolean overrun) {
                    tickWatch.ticked();
                    metrics.tickCompleted(nanos, cpuNanos, overrun);
                }

                @Override
                public void ticksSkipped(long ticks) {
                    metrics.ticksSkipped(ticks);
                }

                @Override
                public void tickFailed() {
                    metrics.tickFailed();
                }
            }, new TickLoop.Hooks() {
                @Override
                public void threadStarted() {
                    cpu.enterTickThread();
                }

                @Override
                public void beforeTick() {
                    sending.tickStarting();
                }

                @Override
                public void afterTick() {
                    sending.tickDone();
                    spectators.afterTick(world);
                }
            });
            tickLoop.start();
            ServerHealth[] health = new ServerHealth[1];
            OpsServer ops = OpsServer.start(config.opsBind(), config.opsPort(), () -> health[0].now(), metrics::scrape,
                    new OpsServer.Spectating(spectators,
                            new LiveViewCredentials(config.internalApiKey(), Clock.systemUTC()), config.serverId()), cpu.avoiding(new io.netty.util.concurrent.DefaultThreadFactory("ops-http", true)));
            DirectoryRegistration registration = new DirectoryRegistration(directory,
                    new DirectoryRegistration.Identity(config.serverId(), map.name(), config.serverIp(), network.port(),
                            config.mapId(), config.maxPlayers(), opsAddress(config.opsHost(), ops.port()), contentVersion),
                    new DirectoryRegistration.Timing(config.heartbeatInterval(), config.registerRetryBase(),
                            config.registerRetryMax(), config.registerAttempts()),
                    scheduler, world::playerCount, () -> metrics.load(config.tickRate()),
                    () -> metrics.tickMillisAtPercentile(0.99), () -> metrics.tickCpuMillisAtPercentile(0.99),
                    new DirectoryRegistration.SaveBacklog() {
                        @Override
                        public int pending() {
                            return persistence.pendingCount();
                        }

                        @Override
                        public long oldestMillis() {
                            return persistence.oldestUnsavedMillis();
                        }
                    });
            MapNetwork net = network;
            metrics.watch(world::playerCount, world::entityCount, net::connectionCount, persistence::pendingCount,
                    net::outboundDepth);
            metrics.watchSaves(persistence::retryingCount, () -> persistence.oldestUnsavedMillis() / 1000.0);
            metrics.watchConnections(net::connectionsByStage);
            metrics.watchChannels(world.channelCount(), world::playersInChannel);
            metrics.watchItems(world::publishedGroundItems, world::publishedOpenTrades);
            if (!config.redisUrl().isEmpty()) {
                parties = new PartyLookup(config.redisUrl(), config.backendTimeout(), () -> world.leases().values(),
                        world::submit);
                metrics.watchPartyLookups(parties::failures);
            }
            MapServer server = new MapServer(config, cpu, map, metrics, io, scheduler, world, interest, persistence, tickLoop,
                    network, ops, registration, leases, parties);
            health[0] = new ServerHealth(config, map.id(), world, tickLoop, tickWatch, network, leases, registration, persistence,
                    () -> server.draining);
            registration.start();
            if (parties != null) {
                parties.start(config.partyRefreshInterval());
            }
            itemIds.start();
            leases.startRenewal(world::leases, new LeaseCommands(world));
            log.info("Map server {} for map {} ({}) listening on TCP+UDP port {} ({}); ops on http port {}; {} channels x {} "
                            + "players at {} Hz; content {} version {}", config.serverId(), map.id(), map.name(), network.port(),
                    network.transportName(), ops.port(), config.channels(), config.channelCapacity(), config.tickRate(),
                    config.contentDir().toAbsolutePath().normalize(), contentVersion);
            return server;
        } catch (IOException | RuntimeException e) {
            if (parties != null) {
                parties.close();
            }
            if (tickLoop != null) {
                tickLoop.close();
            }
            interest.close();
            if (network != null) {
                network.close();
            }
            scheduler.shutdownNow();
            io.shutdownNow();
            cpu.close();
            throw e;
        }
    }

    /**
     * Graceful stop within {@code SHUTDOWN_BUDGET}: refuse new players, mark DRAINING in the
     * directory, remove every player and save their states, deregister, then stop the threads.
     */
    public void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownBudget().toNanos();
        log.info("Map server {} shutting down: draining {} players", config.serverId(), world.playerCount());
        draining = true;
        network.startDraining();
        registration.markDraining();
        CompletableFuture<List<CharacterState>> removed = new CompletableFuture<>();
        world.submit(new Command.RemoveAll(removed));
        int players = 0;
        try {
            players = removed.get(Math.max(100, remainingMillis(deadline) / 4), TimeUnit.MILLISECONDS).size();
        } catch (Exception e) {
            log.error("The tick thread did not hand over the players in time: {}", e.toString());
        }
        long saveBudget = Math.max(100, remainingMillis(deadline) - config.backendTimeout().toMillis() - 200);
        List<CharacterState> dropped = persistence.flush(Duration.ofMillis(saveBudget));
        log.info("Saved {} of {} players' state", players - dropped.size(), players);
        registration.deregister();
        try {
            network.flush(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        network.close();
        if (parties != null) {
            parties.close();
        }
        tickLoop.close();
        interest.close();
        ops.close();
        scheduler.shutdownNow();
        io.shutdownNow();
        cpu.close();
        log.info("Map server {} stopped", config.serverId());
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    @Override
    public void close() {
        shutdown();
    }

    public int port() {
        return network.port();
    }

    public int opsPort() {
        return ops.port();
    }

    public World world() {
        return world;
    }

    public MapServerMetrics metrics() {
        return metrics;
    }

    public DirectoryRegistration registration() {
        return registration;
    }

    public CharacterPersistence persistence() {
        return persistence;
    }

    /** The game port's network (tests). */
    public MapNetwork network() {
        return network;
    }

    /** host:port, with an IPv6 host in brackets. */
    private static String opsAddress(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static java.util.concurrent.ThreadFactory daemon(CpuReservation cpu, String name) {
        // Pools grow from whichever thread submits, the tick thread too: their threads leave its CPU.
        return cpu.avoiding(Thread.ofPlatform().name(name + "-", 1).daemon(true).factory());
    }
}
