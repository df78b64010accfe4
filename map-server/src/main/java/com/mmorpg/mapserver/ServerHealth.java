package com.mmorpg.mapserver;

import com.mmorpg.mapserver.character.CharacterPersistence;
import com.mmorpg.mapserver.character.LeaseKeeper;
import com.mmorpg.mapserver.directory.DirectoryRegistration;
import com.mmorpg.mapserver.net.MapNetwork;
import com.mmorpg.mapserver.ops.OpsServer;
import com.mmorpg.mapserver.runtime.TickLoop;
import com.mmorpg.mapserver.sim.World;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The answer of {@code GET /health} and {@code GET /ready}: UP only while the parts that serve
 * players work: the tick thread is alive and has completed a tick within the last two seconds, the
 * network's event loop runs and holds both sockets, and the background tasks that keep players'
 * leases and this server's directory entry run on schedule (whether auth-service or the directory
 * answer is another matter: an outage of theirs is not this server's fault, and play goes on
 * through it). {@code saves} shows such an outage: characters with progress not stored yet, those
 * waiting for a retry, and the age of the oldest unsaved.
 */
final class ServerHealth {

    /** A background task (lease renewal, heartbeat) that has not ended a run for this long has stopped. */
    private static final long BACKGROUND_STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final MapServerConfig config;
    private final int mapId;
    private final World world;
    private final TickLoop tickLoop;
    private final TickWatch tickWatch;
    private final MapNetwork network;
    private final LeaseKeeper leases;
    private final DirectoryRegistration registration;
    private final CharacterPersistence persistence;
    private final BooleanSupplier draining;

    ServerHealth(MapServerConfig config, int mapId, World world, TickLoop tickLoop, TickWatch tickWatch, MapNetwork network,
            LeaseKeeper leases, DirectoryRegistration registration, CharacterPersistence persistence, BooleanSupplier draining) {
        this.config = config;
        this.mapId = mapId;
        this.world = world;
        this.tickLoop = tickLoop;
        this.tickWatch = tickWatch;
        this.network = network;
        this.leases = leases;
        this.registration = registration;
        this.persistence = persistence;
        this.draining = draining;
    }

    OpsServer.Health now() {
        boolean ticking = tickLoop.isAlive() && tickWatch.recent();
        boolean serving = network.isServing();
        boolean background = leases.renewalRunning(BACKGROUND_STUCK_NANOS)
                && registration.heartbeating(config.heartbeatInterval().multipliedBy(3).toNanos() + BACKGROUND_STUCK_NANOS);
        String status = draining.getAsBoolean() ? "DRAINING" : ticking && serving && background ? "UP" : "DOWN";
        String json = "{\"status\":\"" + status + "\",\"server_id\":\"" + config.serverId() + "\",\"map_id\":" + mapId
                + ",\"tick_thread\":\"" + (ticking ? "UP" : "DOWN") + "\",\"network\":\"" + (serving ? "UP" : "DOWN") + "\""
                + ",\"background\":\"" + (background ? "UP" : "DOWN") + "\""
                + ",\"saves\":{\"pending\":" + persistence.pendingCount() + ",\"retrying\":" + persistence.retryingCount()
                + ",\"oldest_unsaved_ms\":" + persistence.oldestUnsavedMillis() + "}"
                + ",\"registered\":" + registration.isRegistered() + ",\"players\":" + world.playerCount()
                + ",\"entities\":" + world.entityCount() + ",\"tick\":" + world.currentTick() + "}";
        return new OpsServer.Health(status.equals("UP"), json);
    }

    /** When the tick thread last completed a tick. */
    static final class TickWatch {

        private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(2);
        private volatile long lastTick = System.nanoTime();

        void ticked() {
            lastTick = System.nanoTime();
        }

        boolean recent() {
            return System.nanoTime() - lastTick < STUCK_NANOS;
        }
    }
}
