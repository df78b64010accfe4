package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.EntityLeft;
import com.mmorpg.common.protocol.Snapshot;
import java.util.Arrays;

/**
 * Decides what each player sees and tells it. Per player and tick: scan the grid cells around it
 * (every {@link #VISIBILITY_INTERVAL_TICKS} ticks) for entities within the view radius (a little more for ones already seen, so an entity on the
 * edge does not flicker), send {@code EntityEntered}/{@code EntityLeft} (TCP) for the difference
 * with last tick's set, then one {@link Snapshot} (UDP) with the visible entities that changed since
 * the last one, split to stay under {@link Snapshot#MAX_BYTES}. Every {@code keyFrameTicks} a
 * player's snapshot carries all fields of all visible entities, so a lost datagram is repaired
 * within that time. Set membership uses per-entity stamps instead of sorting or hashing: no
 * allocation and no search per candidate.
 */
final class InterestSystem {

    private static final float KEEP_FACTOR = 1.15f;
    /**
     * In a crowd, what a player already tracks counts as this much nearer when choosing the nearest
     * {@code maxVisible}, so entities at the cut do not flicker in and out every scan.
     */
    private static final float TRACKED_BIAS = 0.8f;
    /**
     * Who is in view is recomputed every second tick per player (staggered, half the players each
     * tick): the scan is the costliest step, and an entity appearing at the edge of a 640 px view
     * 50 ms later is invisible to players. Snapshots of what is in view still go out every tick.
     */
    static final int VISIBILITY_INTERVAL_TICKS = 2;

    private final float enterRadiusSquared;
    private final float keepRadius;
    private final float keepRadiusSquared;
    private final int keyFrameTicks;
    private final int maxVisible;
    private final TrafficCounter traffic;
    private final EntityTable table;
    /** This worker's scan stamps, one per table slot. */
    private final int worker;
    /** Reused for every snapshot: links encode it before returning. */
    private final Snapshot snapshot = new Snapshot();
    private int[] scratch = new int[64];
    private boolean[] enteredNow = new boolean[64];
    /** Candidates of the current scan: grid index and (biased) squared distance. */
    private int[] candidates = new int[64];
    private float[] distances = new float[64];
    private int stamp;

    InterestSystem(int worker, float viewRadius, int maxVisible, int keyFrameTicks, TrafficCounter traffic,
            EntityTable table) {
        this.maxVisible = maxVisible;
        this.worker = worker;
        this.table = table;
        this.enterRadiusSquared = viewRadius * viewRadius;
        this.keepRadius = viewRadius * KEEP_FACTOR;
        this.keepRadiusSquared = keepRadius * keepRadius;
        this.keyFrameTicks = keyFrameTicks;
        this.traffic = traffic;
    }

    /** Visibility and snapshots of one player; reads the world, writes only this player's own view. */
    void update(Player player, SpatialGrid grid, int tick) {
        if (player.lastSnapshotTick < 0 || (tick + player.id) % VISIBILITY_INTERVAL_TICKS == 0) {
            updateVisibility(grid, player);
        } else {
            nothingEnteredNow(player.visibleCount);
        }
        sendSnapshots(player, tick);
    }

    private void nothingEnteredNow(int count) {
        if (enteredNow.length < count) {
            enteredNow = new boolean[count * 2];
        }
        Arrays.fill(enteredNow, 0, count, false);
    }

    /** Forgets everything a player saw (channel change, leaving): each entity gets an EntityLeft. */
    void forgetAll(Player player) {
        for (int i = 0; i < player.visibleCount; i++) {
            player.link.sendReliable(new EntityLeft(table.ids[player.visible[i]]));
        }
        player.visibleCount = 0;
        player.lastSnapshotTick = -1;
    }

    private void updateVisibility(SpatialGrid grid, Player player) {
        int wasVisible = ++stamp;
        int stillVisible = ++stamp;
        int[] marks = table.marks[worker];
        int[] old = player.visible;
        int oldCount = player.visibleCount;
        for (int i = 0; i < oldCount; i++) {
            marks[old[i]] = wasVisible;
        }
        float px = player.x;
        float py = player.y;
        int self = player.slot;
        int found = 0;
        int lastColumn = grid.column(px + keepRadius);
        int lastRow = grid.row(py + keepRadius);
        for (int row = grid.row(py - keepRadius); row <= lastRow; row++) {
            for (int column = grid.column(px - keepRadius); column <= lastColumn; column++) {
                for (int i = grid.head(column, row); i >= 0; i = grid.next[i]) {
                    float dx = grid.xs[i] - px;
                    float dy = grid.ys[i] - py;
                    float distanceSquared = dx * dx + dy * dy;
                    if (distanceSquared > keepRadiusSquared) {
                        continue;
                    }
                    int slot = grid.slots[i];
                    boolean seen = marks[slot] == wasVisible;
                    if (slot == self || (!seen && distanceSquared > enterRadiusSquared)) {
                        continue;
                    }
                    if (found == candidates.length) {
                        candidates = Arrays.copyOf(candidates, found * 2);
                        distances = Arrays.copyOf(distances, found * 2);
                    }
                    candidates[found] = i;
                    distances[found++] = seen ? distanceSquared * TRACKED_BIAS : distanceSquared;
                }
            }
        }
        int count = found;
        if (count > maxVisible) {
            keepNearest(count, maxVisible); // a crowd: track the nearest only
            count = maxVisible;
        }
        if (scratch.length < count) {
            scratch = new int[count * 2];
            enteredNow = new boolean[count * 2];
        }
        for (int k = 0; k < count; k++) {
            int i = candidates[k];
            int slot = grid.slots[i];
            boolean seen = marks[slot] == wasVisible;
            if (!seen) {
                player.link.sendReliable(grid.items[i].entered());
            }
            enteredNow[k] = !seen;
            scratch[k] = slot;
            marks[slot] = stillVisible;
        }
        for (int i = 0; i < oldCount; i++) {
            if (marks[old[i]] != stillVisible) {
                player.link.sendReliable(new EntityLeft(table.ids[old[i]]));
            }
        }
        if (old.length < count) {
            player.visible = new int[Math.max(count, old.length * 2)];
        }
        System.arraycopy(scratch, 0, player.visible, 0, count);
        player.visibleCount = count;
    }

    /**
     * Reorders the first {@code count} candidates so the {@code keep} nearest come first
     * (quickselect on the distances, moving the grid indices along); the rest keep no order.
     */
    private void keepNearest(int count, int keep) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            float pivot = distances[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (distances[i] < pivot) {
                    i++;
                }
                while (distances[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (keep - 1 <= j) {
                high = j;
            } else if (keep - 1 >= i) {
                low = i;
            } else {
                return;
            }
        }
    }

    private void swap(int a, int b) {
        float distance = distances[a];
        distances[a] = distances[b];
        distances[b] = distance;
        int candidate = candidates[a];
        candidates[a] = candidates[b];
        candidates[b] = candidate;
    }

    private void sendSnapshots(Player player, int tick) {
        boolean keyFrame = (tick + player.id) % keyFrameTicks == 0;
        int since = player.lastSnapshotTick;
        snapshot.reset(tick, player.lastInputSeq, player.qx, player.qy);
        boolean selfChanged = keyFrame || player.positionChangedTick > since || player.lastAckSent != player.lastInputSeq;
        add(player, player.slot, true, since, keyFrame);
        int[] visible = player.visible;
        for (int k = 0; k < player.visibleCount; k++) {
            if (!enteredNow[k]) {
                add(player, visible[k], false, since, keyFrame);
            }
        }
        if (!snapshot.isEmpty() || selfChanged) {
            send(player);
        }
        player.lastAckSent = player.lastInputSeq;
        player.lastSnapshotTick = tick;
    }

    private void add(Player player, int slot, boolean self, int since, boolean keyFrame) {
        EntityTable t = table;
        int flags = 0;
        // The player's own position travels in every snapshot's header (the origin).
        if (!self && (keyFrame || t.positionTick[slot] > since)) {
            flags |= Snapshot.POSITION;
        }
        if (keyFrame || t.hpTick[slot] > since) {
            flags |= Snapshot.HP;
        }
        if (keyFrame || t.stateTick[slot] > since) {
            flags |= Snapshot.STATE;
        }
        if (flags == 0) {
            return;
        }
        int id = t.ids[slot];
        if (!snapshot.tryAdd(id, flags, t.qx[slot], t.qy[slot], t.hp[slot], t.state[slot])) {
            send(player);
            snapshot.reset(snapshot.tick, snapshot.ackSeq, snapshot.originQx, snapshot.originQy);
            snapshot.add(id, flags, t.qx[slot], t.qy[slot], t.hp[slot], t.state[slot]);
        }
    }

    private void send(Player player) {
        player.link.sendUnreliable(snapshot);
        traffic.snapshotSent(snapshot.size());
    }
}
