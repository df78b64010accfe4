package com.mmorpg.mapserver.interest;

import com.mmorpg.mapserver.sim.Channel;
import com.mmorpg.mapserver.sim.Entity;
import com.mmorpg.mapserver.sim.EntityTable;
import com.mmorpg.mapserver.sim.Player;
import com.mmorpg.mapserver.sim.PlayerViews;
import com.mmorpg.mapserver.sim.SpatialGrid;
import com.mmorpg.mapserver.sim.TrafficCounter;
import com.mmorpg.mapserver.sim.WorldSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the last step of a tick, what each player sees and its snapshot, over the tick thread and
 * its helpers; each worker's {@link InterestWorker} does the work. The step only reads the world
 * (which nothing changes during it) and writes each player's own view, so it may be split over a
 * few workers. The players are cut into chunks of {@link #CHUNK} that the tick thread and the helper
 * threads claim one at a time, so a helper that is late or slow (a cold cache, a vCPU the host
 * took away) only means the tick thread does more of the chunks itself: the phase never waits
 * for more than one chunk in progress. Helpers are woken when a tick starts ({@link #tickStarting})
 * and wait for the phase to open, yielding their CPU each turn (so they never crowd out the tick
 * thread should both share a CPU): their wake-up latency (about 0.7 ms on a VM) is hidden behind
 * the tick's earlier steps. Each worker has its own scratch state; a player is handled by exactly
 * one worker per tick, so its messages keep their order. Helpers only compute: the tick thread
 * sends the messages of each chunk a helper finished, in chunk order, between its own chunks and
 * while it waits for the last ones. With one worker no helper exists.
 *
 * <p>The world's {@link PlayerViews}: each player's {@link PlayerView} is held by its table slot.
 * The helper threads come from the factory the composition root hands in, and end with
 * {@link #close}.
 */
public final class InterestScheduler implements PlayerViews, AutoCloseable {

    /**
     * How long a freed {@link EntityTable} slot must rest before it is reused: by then every viewer
     * has rescanned and let it go, so a stale slot in a view never names another entity.
     */
    public static final int SLOT_QUARANTINE_TICKS = InterestWorker.VISIBILITY_INTERVAL_TICKS + 2;
    static final int MAX_WORKERS = 4;
    /** Players per claimed piece of work: small enough to balance, large enough that claims are rare. */
    public static final int CHUNK = 32;
    /** Fewer viewers than this are done by the tick thread alone: not worth waking anybody. */
    static final int MIN_VIEWERS_TO_SHARE = 2 * CHUNK;
    /** How long a woken helper waits (yielding) for the phase before it parks again. */
    private static final long SPIN_LIMIT_NANOS = 25_000_000L;

    private final EntityTable table;
    private final ChangeFlags changes = new ChangeFlags();
    private final Outbox.Direct direct;
    /** The tick thread's worker. */
    private final InterestWorker own;
    private final Thread[] helpers;
    /** Each player's view, by table slot (created on the tick thread only). */
    private PlayerView[] views = new PlayerView[256];
    /**
     * The phase's generation (high 32 bits), its number of chunks (the next 16) and the next
     * unclaimed chunk (low 16): one word, so a claim can never mix two phases.
     */
    private final AtomicLong claims = new AtomicLong();
    /** Per chunk, the generation of the phase in which a helper finished it. */
    private AtomicIntegerArray chunkDoneIn = new AtomicIntegerArray(64);
    /** Per chunk, the messages a helper kept for the tick thread to send. */
    private List<List<Outbox.Kept>> chunkMessages = new ArrayList<>();
    private boolean[] chunkMine = new boolean[64];
    private final AtomicLong chunksByHelpers = new AtomicLong();
    /** Turns helpers spent yielding while they waited for a phase (tests: none between ticks). */
    private final AtomicLong helperYields = new AtomicLong();
    private final AtomicReference<Throwable> helperFailure = new AtomicReference<>();
    private volatile boolean closed;
    /**
     * From {@link #tickStarting} until the phase is over: while it is set a woken helper waits for
     * the phase; otherwise it goes back to sleep at once. (A helper still busy with the last chunks
     * when the tick thread unparks it keeps the permit, so its next park returns straight away:
     * without this it yielded for {@link #SPIN_LIMIT_NANOS} after every tick.)
     */
    private volatile boolean ticking;
    /** Written by the tick thread before a phase is published in {@link #claims}. */
    private int generation;
    private int phaseTick;
    private Player[] viewers = new Player[64];
    private PlayerView[] viewersViews = new PlayerView[64];
    private SpatialGrid[] grids = new SpatialGrid[64];
    private int viewerCount;
    private int lastViewerCount;

    /**
     * @param settings view radius, most entities in view, key frame interval and how many workers
     *        share the step ({@code interestThreads}: the tick thread and that many minus one helpers)
     * @param helperThreads makes the helper threads (none are made for one worker)
     */
    public InterestScheduler(WorldSettings settings, EntityTable table, TrafficCounter traffic, ThreadFactory helperThreads) {
        this.table = table;
        int count = Math.clamp(settings.interestThreads(), 1, MAX_WORKERS);
        direct = new Outbox.Direct(traffic);
        own = worker(settings, direct);
        helpers = new Thread[count - 1];
        for (int i = 0; i < helpers.length; i++) {
            Outbox.Deferred outbox = new Outbox.Deferred();
            InterestWorker worker = worker(settings, outbox);
            helpers[i] = helperThreads.newThread(() -> helperLoop(worker, outbox));
            helpers[i].start();
        }
    }

    /** Helper threads for tests and tools: daemon platform threads named {@code interest-<n>}. */
    public static ThreadFactory daemonThreads() {
        return Thread.ofPlatform().name("interest-", 1).daemon(true).factory();
    }

    private InterestWorker worker(WorldSettings settings, Outbox outbox) {
        return new InterestWorker(settings.viewRadius(), settings.maxVisible(), settings.keyFrameTicks(), table, changes,
                outbox);
    }

    /** The view of {@code player}, created when its slot first holds a player. Tick thread only. */
    private PlayerView view(Player player) {
        int slot = player.slot();
        if (slot >= views.length) {
            views = Arrays.copyOf(views, Math.max(slot + 1, views.length * 2));
        }
        PlayerView view = views[slot];
        if (view == null) {
            view = new PlayerView();
            views[slot] = view;
        }
        return view;
    }

    @Override
    public void reset(Player player) {
        view(player).reset();
    }

    @Override
    public void forget(Player player) {
        own.forgetAll(view(player), player);
    }

    @Override
    public boolean sees(Player viewer, Entity entity) {
        return view(viewer).tracks(entity.slot());
    }

    /** Whether {@code viewer}'s client knows the entity with id {@code entityId} (tests, diagnostics). */
    public boolean sees(Player viewer, int entityId) {
        return view(viewer).sees(entityId, table);
    }

    /** How many entities {@code viewer} has in view (tests, diagnostics). */
    public int visibleCount(Player viewer) {
        return view(viewer).visibleCount;
    }

    /** Called when a tick starts: wakes the helpers if the last phase was worth sharing. */
    @Override
    public void tickStarting() {
        if (helpers.length > 0 && lastViewerCount >= MIN_VIEWERS_TO_SHARE) {
            ticking = true;
            for (Thread helper : helpers) {
                LockSupport.unpark(helper);
            }
        }
    }

    @Override
    public void publish(List<Channel> channels, int tick) {
        changes.mark(table, tick);
        viewerCount = 0;
        for (Channel channel : channels) {
            SpatialGrid grid = channel.grid();
            for (Entity entity : channel.entities()) {
                if (entity instanceof Player player) {
                    if (viewerCount == viewers.length) {
                        viewers = Arrays.copyOf(viewers, viewerCount * 2);
                        viewersViews = Arrays.copyOf(viewersViews, viewerCount * 2);
                        grids = Arrays.copyOf(grids, viewerCount * 2);
                    }
                    viewers[viewerCount] = player;
                    viewersViews[viewerCount] = view(player);
                    grids[viewerCount++] = grid;
                }
            }
        }
        lastViewerCount = viewerCount;
        try {
            if (helpers.length == 0 || viewerCount < MIN_VIEWERS_TO_SHARE || viewerCount > CHUNK * 0xFFFF) {
                runChunk(own, 0, viewerCount, tick);
            } else {
                runShared(tick);
            }
        } finally {
            ticking = false;
        }
        Arrays.fill(viewers, 0, viewerCount, null);
        Arrays.fill(viewersViews, 0, viewerCount, null);
    }

    private void runShared(int tick) {
        phaseTick = tick;
        int chunkCount = (viewerCount + CHUNK - 1) / CHUNK;
        if (chunkMine.length < chunkCount) { // no helper is in a phase now; generations start at 1
            chunkMine = new boolean[chunkCount * 2];
            chunkDoneIn = new AtomicIntegerArray(chunkCount * 2);
        }
        while (chunkMessages.size() < chunkCount) {
            chunkMessages.add(new ArrayList<>());
        }
        Arrays.fill(chunkMine, 0, chunkCount, false);
        generation++;
        claims.set((long) generation << 32 | (long) chunkCount << 16); // publishes the fields above to the helpers
        for (Thread helper : helpers) {
            LockSupport.unpark(helper); // in case it was not woken at the start of the tick
        }
        int sent = 0; // chunks before this one are settled: done here, or done by a helper and sent
        for (int chunk; (chunk = claim(generation)) >= 0; ) {
            runChunk(own, chunk * CHUNK, Math.min(viewerCount, (chunk + 1) * CHUNK), tick);
            chunkMine[chunk] = true;
            sent = sendReady(sent, chunkCount);
        }
        while (sent < chunkCount) { // the helpers' last chunks; at most one each is still in progress
            int before = sent;
            sent = sendReady(sent, chunkCount);
            if (sent == before) {
                Thread.onSpinWait();
            }
        }
        Throwable failure = helperFailure.getAndSet(null);
        if (failure != null) {
            throw new IllegalStateException("interest worker failed", failure);
        }
    }

    /**
     * Sends, in chunk order, the messages of the helpers' chunks that are done, from chunk
     * {@code from} on, while the helpers work on; returns the first chunk not settled yet.
     */
    private int sendReady(int from, int chunkCount) {
        int chunk = from;
        for (; chunk < chunkCount; chunk++) {
            if (chunkMine[chunk]) {
                continue;
            }
            if (chunkDoneIn.get(chunk) != generation) {
                break;
            }
            direct.sendAll(chunkMessages.get(chunk));
        }
        return chunk;
    }

    /** Claims the next chunk of phase {@code phase}; -1 when none is left or that phase is over. */
    private int claim(int phase) {
        while (true) {
            long current = claims.get();
            int next = (int) current & 0xFFFF;
            if ((int) (current >>> 32) != phase || next >= ((int) current >>> 16 & 0xFFFF)) {
                return -1;
            }
            if (claims.compareAndSet(current, current + 1)) {
                return next;
            }
        }
    }

    private void helperLoop(InterestWorker worker, Outbox.Deferred outbox) {
        int handled = 0;
        while (!closed) {
            LockSupport.park(this);
            Thread.interrupted(); // a stray interrupt would make every park return at once: a spinning helper
            long deadline = System.nanoTime() + SPIN_LIMIT_NANOS;
            int phase;
            while ((phase = (int) (claims.get() >>> 32)) == handled && ticking && !closed && System.nanoTime() < deadline) {
                // Yield, not a pure spin: if the scheduler put this helper on the tick thread's CPU,
                // the tick thread runs on instead of losing a 3-4 ms time slice to a spinning helper.
                helperYields.incrementAndGet();
                Thread.yield();
            }
            if (phase == handled || closed) {
                continue;
            }
            handled = phase;
            outbox.startPhase(); // every snapshot of the last phase was sent before that phase ended
            for (int chunk; (chunk = claim(phase)) >= 0; ) {
                try { // a chunk claimed in this phase: the fields published with it are this phase's
                    outbox.into(chunkMessages.get(chunk));
                    runChunk(worker, chunk * CHUNK, Math.min(viewerCount, (chunk + 1) * CHUNK), phaseTick);
                } catch (Throwable e) {
                    helperFailure.compareAndSet(null, e);
                } finally {
                    chunksByHelpers.incrementAndGet();
                    chunkDoneIn.set(chunk, phase); // publishes the chunk's messages to the tick thread
                }
            }
        }
    }

    /** Chunks the helper threads have done since the start: whether they take a share at all (tests, diagnostics). */
    public long chunksByHelpers() {
        return chunksByHelpers.get();
    }

    /** How often the helpers yielded while waiting for a phase (tests: they sleep between ticks). */
    public long helperYields() {
        return helperYields.get();
    }

    private void runChunk(InterestWorker worker, int from, int to, int tick) {
        for (int i = from; i < to; i++) {
            worker.update(viewersViews[i], viewers[i], grids[i], tick);
        }
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
