package com.mmorpg.mapserver.character;

import com.mmorpg.common.internal.InternalClient;
import com.mmorpg.common.internal.Items;
import com.mmorpg.mapserver.sim.ItemIds;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh item ids from auth-service, a block of a thousand at a time, asked for ahead: when fewer than
 * {@link #LOW_WATER} are left the next block is fetched off the tick thread, so {@link #next()} never
 * waits. A block is never given twice (a database sequence); ids of a block this server dies with are
 * simply never used. While auth-service is away and the block runs dry, {@link #next()} answers 0 and
 * the action that wanted an id is refused ({@code try_again}).
 */
public final class ItemIdPool implements ItemIds {

    static final int LOW_WATER = 300;
    private static final Logger log = LoggerFactory.getLogger(ItemIdPool.class);

    private final InternalClient auth;
    private final ScheduledExecutorService scheduler;
    private final String serverId;
    private final AtomicBoolean fetching = new AtomicBoolean();
    /** The current block and the next one, once fetched. Guarded by this. */
    private long next;
    private long end;
    private long spareFirst;
    private long spareEnd;
    private volatile int failures;

    public ItemIdPool(InternalClient auth, ScheduledExecutorService scheduler, String serverId) {
        this.auth = auth;
        this.scheduler = scheduler;
        this.serverId = serverId;
    }

    /** Asks for the first block now (at start-up); the server runs without it until it comes. */
    public void start() {
        fetch();
    }

    @Override
    public long next() {
        long id;
        boolean low;
        synchronized (this) {
            if (next >= end && spareEnd > spareFirst) {
                next = spareFirst;
                end = spareEnd;
                spareFirst = 0;
                spareEnd = 0;
            }
            id = next < end ? next++ : 0;
            low = end - next < LOW_WATER && spareEnd == 0;
        }
        if (low) {
            fetch();
        }
        return id;
    }

    /** Ids at hand (metrics, tests). */
    public synchronized long available() {
        return (end - next) + (spareEnd - spareFirst);
    }

    private void fetch() {
        if (!fetching.compareAndSet(false, true)) {
            return;
        }
        auth.sendAsync("POST", Items.ID_BLOCK_PATH, new Items.BlockRequest(serverId)).whenComplete((reply, error) -> {
            Items.Block block = null;
            try {
                if (error == null && reply.isSuccess()) {
                    block = reply.as(Items.Block.class);
                }
            } catch (RuntimeException e) {
                error = e;
            }
            if (block != null && block.count() > 0) {
                synchronized (this) {
                    if (next >= end) {
                        next = block.first();
                        end = block.first() + block.count();
                    } else {
                        spareFirst = block.first();
                        spareEnd = block.first() + block.count();
                    }
                }
                failures = 0;
                fetching.set(false);
                log.debug("Item id block first={} count={}", block.first(), block.count());
                return;
            }
            int failed = ++failures;
            if (failed <= 3 || failed % 10 == 0) {
                log.warn("Item ids could not be fetched attempt={}: {}", failed,
                        error != null ? error.getMessage() : "HTTP " + reply.status());
            }
            long delay = Math.min(Duration.ofSeconds(10).toMillis(), 250L << Math.min(failed - 1, 6));
            scheduler.schedule(() -> {
                fetching.set(false);
                fetch();
            }, delay, TimeUnit.MILLISECONDS);
        });
    }
}
