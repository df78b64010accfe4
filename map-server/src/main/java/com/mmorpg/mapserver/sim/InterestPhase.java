package com.mmorpg.mapserver.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The last step of a tick: what each player sees, and its snapshot. It only reads the world (which
 * nothing changes during this step) and writes each player's own view, so it may be split over a
 * few workers: the tick thread takes the first share of the players and waits for helper threads
 * doing the others. Each worker has its own scratch state; a player is always handled by exactly
 * one worker, so its messages keep their order. Helpers only compute: the tick thread sends their
 * messages when they are done, after its own. With one worker (the default) no helper thread exists.
 */
final class InterestPhase implements AutoCloseable {

    static final int MAX_WORKERS = 4;

    private final InterestSystem[] workers;
    private final ExecutorService helpers;
    private final List<Future<?>> pending = new ArrayList<>();
    private Player[] viewers = new Player[64];
    private SpatialGrid[] grids = new SpatialGrid[64];
    private int viewerCount;

    InterestPhase(int workerCount, float viewRadius, int maxVisible, int keyFrameTicks, TrafficCounter traffic,
            EntityTable table) {
        int count = Math.clamp(workerCount, 1, MAX_WORKERS);
        workers = new InterestSystem[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new InterestSystem(i > 0, viewRadius, maxVisible, keyFrameTicks, traffic, table);
        }
        helpers = count == 1 ? null
                : Executors.newFixedThreadPool(count - 1, Thread.ofPlatform().name("interest-", 1).daemon(true).factory());
    }

    /** The worker the tick thread uses outside the phase (channel changes). */
    InterestSystem tickThreadWorker() {
        return workers[0];
    }

    void run(Channel[] channels, int tick) {
        viewerCount = 0;
        for (Channel channel : channels) {
            for (Entity entity : channel.entities) {
                if (entity instanceof Player player) {
                    if (viewerCount == viewers.length) {
                        viewers = Arrays.copyOf(viewers, viewerCount * 2);
                        grids = Arrays.copyOf(grids, viewerCount * 2);
                    }
                    viewers[viewerCount] = player;
                    grids[viewerCount++] = channel.grid;
                }
            }
        }
        int shares = viewerCount < 64 ? 1 : workers.length; // a handful of players is not worth a hand-off
        for (int w = 1; w < shares; w++) {
            int worker = w;
            pending.add(helpers.submit(() -> runShare(worker, shares, tick)));
        }
        runShare(0, shares, tick);
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("interest worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for interest workers", e);
            }
        }
        pending.clear();
        for (int w = 1; w < shares; w++) {
            workers[w].sendDeferred();
        }
        Arrays.fill(viewers, 0, viewerCount, null);
    }

    private void runShare(int worker, int shares, int tick) {
        int from = (int) ((long) viewerCount * worker / shares);
        int to = (int) ((long) viewerCount * (worker + 1) / shares);
        InterestSystem system = workers[worker];
        for (int i = from; i < to; i++) {
            system.update(viewers[i], grids[i], tick);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
