package com.mmorpg.mapserver.interest;

import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.mapserver.sim.Entity;
import com.mmorpg.mapserver.sim.EntityTable;
import com.mmorpg.mapserver.sim.Player;
import com.mmorpg.mapserver.sim.SpatialGrid;
import java.util.Arrays;

/**
 * Decides what each player sees and tells it, for the players the {@link InterestScheduler} hands
 * this worker. Per player and tick: scan the grid cells around it
 * (every {@link #VISIBILITY_INTERVAL_TICKS} ticks) for entities within the view radius (a little
 * more for ones already seen, so an entity on the
 * edge does not flicker), send {@code EntityEntered}/{@code EntityLeft} (TCP) for the difference
 * with last tick's set, then one {@link Snapshot} (UDP) with the visible entities that changed since
 * the last one, split to stay under {@link Snapshot#MAX_BYTES}. Every {@code keyFrameTicks} a
 * player's snapshot carries all fields of all visible entities, so a lost datagram is repaired
 * within that time. Set membership uses bits by table slot (each player's set, and the worker's
 * scratch set of the current scan) instead of sorting or hashing: no allocation and no search per
 * candidate, and the bits of one player fit in a few cache lines. One instance per worker: its
 * messages go to its {@link Outbox} (sent at once on the tick thread, kept for it on a helper).
 */
final class InterestWorker {

    private static final float KEEP_FACTOR = 1.15f;
    /**
     * In a crowd, what a player already tracks counts as this much nearer (in squared distance: half
     * the distance) when choosing the nearest {@code maxVisible}: an entity replaces a tracked one
     * only when it is less than half as far. Each swap costs an {@code EntityLeft} and an
     * {@code EntityEntered} over TCP; 1,000 walkers on map 1 made 13.5 of each per player and
     * second with 0.64 (0.8 times the distance), 9 with 0.25.
     */
    private static final float TRACKED_BIAS = 0.25f;
    /**
     * Who is in view is recomputed every fourth tick per player (staggered, a quarter of the players
     * each tick): the scan is the costliest step, and an entity appearing at the edge of a 640 px
     * view at most 150 ms late barely shows. Snapshots of what is in view still go out every tick.
     */
    static final int VISIBILITY_INTERVAL_TICKS = 4;
    /** The middle tier (see {@link #NEAR_FRACTION}) is updated every this many ticks. */
    static final int FAR_INTERVAL_TICKS = 2;
    /**
     * Level of detail, in three tiers, each updated with whatever changed since its last update, so
     * nothing is lost, only delayed. Near (within this fraction of the view radius, and among the
     * nearest {@link #NEAR_SLOTS}): every tick. Middle (farther, or beyond the nearest
     * {@code NEAR_SLOTS}, but among the nearest {@code 2 * NEAR_SLOTS}): every
     * {@link #FAR_INTERVAL_TICKS}th tick. Far (beyond the nearest {@code 2 * NEAR_SLOTS}, only in a
     * crowd): on each rescan, every {@link #VISIBILITY_INTERVAL_TICKS}th tick. Tiers change only on a
     * rescan, when every entity in view gets everything of the last rescan interval, so an entity
     * that moves between tiers misses nothing.
     */
    static final float NEAR_FRACTION = 0.5f;
    static final int NEAR_SLOTS = 32;

    private final float enterRadiusSquared;
    private final float nearRadiusSquared;
    private final float keepRadius;
    private final float keepRadiusSquared;
    private final int keyFrameTicks;
    private final int maxVisible;
    private final EntityTable table;
    private final ChangeFlags changes;
    private final Outbox outbox;
    private final SnapshotWriter writer;
    private int[] scratch = new int[64];
    private boolean[] enteredNow = new boolean[64];
    private boolean[] noneEntered = new boolean[64];
    /** Candidates of the current scan: grid index and (biased) squared distance. */
    private int[] candidates = new int[64];
    private float[] distances = new float[64];
    private byte[] tiers = new byte[64];
    private long[] kept = new long[0];

    InterestWorker(float viewRadius, int maxVisible, int keyFrameTicks, EntityTable table, ChangeFlags changes,
            Outbox outbox) {
        this.maxVisible = maxVisible;
        this.table = table;
        this.changes = changes;
        this.outbox = outbox;
        this.writer = new SnapshotWriter(table);
        this.enterRadiusSquared = viewRadius * viewRadius;
        this.nearRadiusSquared = enterRadiusSquared * NEAR_FRACTION * NEAR_FRACTION;
        this.keepRadius = viewRadius * KEEP_FACTOR;
        this.keepRadiusSquared = keepRadius * keepRadius;
        this.keyFrameTicks = keyFrameTicks;
    }

    /** Visibility and snapshots of one player; reads the world, writes only this player's own view. */
    void update(PlayerView view, Player player, SpatialGrid grid, int tick) {
        boolean[] entered;
        if (view.lastSnapshotTick < 0 || (tick + player.id()) % VISIBILITY_INTERVAL_TICKS == 0) {
            updateVisibility(grid, view, player);
            entered = enteredNow;
        } else {
            entered = noneEntered(view.visibleCount);
        }
        sendSnapshots(view, player, tick, entered);
    }

    /** Nothing entered on a tick without a scan: an array of false as long as the view, never written. */
    private boolean[] noneEntered(int count) {
        if (noneEntered.length < count) {
            noneEntered = new boolean[count * 2];
        }
        return noneEntered;
    }

    /** Forgets everything a player saw (a channel change): each entity gets an EntityLeft. */
    void forgetAll(PlayerView view, Player player) {
        for (int i = 0; i < view.visibleCount; i++) {
            outbox.sendReliable(player.link(), new EntityLeft(table.id(view.visible[i])));
        }
        view.reset();
    }

    private void updateVisibility(SpatialGrid grid, PlayerView view, Player player) {
        long[] seenBits = view.visibleBits(table.capacity());
        long[] keptBits = keptBits(table.capacity());
        int[] old = view.visible;
        int oldCount = view.visibleCount;
        float px = player.x();
        float py = player.y();
        int self = player.slot();
        int found = 0;
        float[] xs = grid.xs();
        float[] ys = grid.ys();
        int[] slots = grid.slots();
        Entity[] items = grid.items();
        float cell = grid.cellSize();
        int lastRow = grid.row(py + keepRadius);
        for (int row = grid.row(py - keepRadius); row <= lastRow; row++) {
            // Only the cells of this row that the circle reaches: its half-width at the row's nearest edge.
            float top = row * cell;
            float dyEdge = py < top ? top - py : Math.max(0, py - (top + cell));
            float half = (float) Math.sqrt(Math.max(0, keepRadiusSquared - dyEdge * dyEdge));
            for (int i = grid.rangeStart(row, grid.column(px - half)), end = grid.rangeEnd(row, grid.column(px + half));
                    i < end; i++) {
                float dx = xs[i] - px;
                float dy = ys[i] - py;
                float distanceSquared = dx * dx + dy * dy;
                if (distanceSquared > keepRadiusSquared) {
                    continue;
                }
                int slot = slots[i];
                boolean seen = (seenBits[slot >>> 6] & (1L << slot)) != 0;
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
        int count = found;
        if (count > maxVisible) {
            keepNearest(0, count, maxVisible); // a crowd: track the nearest only
            count = maxVisible;
        }
        if (count > NEAR_SLOTS) {
            keepNearest(0, count, NEAR_SLOTS); // the near tier is the nearest few
            if (count > 2 * NEAR_SLOTS) {
                keepNearest(NEAR_SLOTS, count, 2 * NEAR_SLOTS); // then the middle tier
            }
        }
        if (scratch.length < count) {
            scratch = new int[count * 2];
            enteredNow = new boolean[count * 2];
            tiers = new byte[count * 2];
        }
        int near = 0;
        int middle = 0;
        for (int k = 0; k < count; k++) {
            int tier = k < NEAR_SLOTS ? 0 : k < 2 * NEAR_SLOTS ? 1 : 2;
            if (tier == 0) { // the true distance: what is tracked is ranked nearer than it is
                float dx = xs[candidates[k]] - px;
                float dy = ys[candidates[k]] - py;
                tier = dx * dx + dy * dy > nearRadiusSquared ? 1 : 0;
            }
            tiers[k] = (byte) tier;
            near += tier == 0 ? 1 : 0;
            middle += tier == 1 ? 1 : 0;
        }
        int[] next = {0, near, near + middle}; // where each tier's next entity goes: near ones first
        for (int k = 0; k < count; k++) {
            int i = candidates[k];
            int slot = slots[i];
            boolean seen = (seenBits[slot >>> 6] & (1L << slot)) != 0;
            if (!seen) {
                outbox.sendReliable(player.link(), items[i].entered());
            }
            int at = next[tiers[k]]++;
            enteredNow[at] = !seen;
            scratch[at] = slot;
            keptBits[slot >>> 6] |= 1L << slot;
        }
        for (int i = 0; i < oldCount; i++) {
            int slot = old[i];
            if ((keptBits[slot >>> 6] & (1L << slot)) == 0) {
                outbox.sendReliable(player.link(), new EntityLeft(table.id(slot)));
            }
            seenBits[slot >>> 6] &= ~(1L << slot);
        }
        for (int k = 0; k < count; k++) { // the player's set becomes the kept one; the scratch set empties
            int slot = scratch[k];
            seenBits[slot >>> 6] |= 1L << slot;
            keptBits[slot >>> 6] &= ~(1L << slot);
        }
        if (old.length < count) {
            view.visible = new int[Math.max(count, old.length * 2)];
        }
        System.arraycopy(scratch, 0, view.visible, 0, count);
        view.visibleCount = count;
        view.nearCount = near;
        view.midCount = near + middle;
    }

    /** This worker's scratch set of the slots kept by the current scan; empty between scans. */
    private long[] keptBits(int slots) {
        int words = (slots + 63) >>> 6;
        if (kept.length < words) {
            kept = new long[words];
        }
        return kept;
    }

    /**
     * Reorders candidates {@code from..count} so those up to {@code keep} are the nearest of them
     * (quickselect on the distances, moving the grid indices along); each side keeps no order.
     */
    private void keepNearest(int from, int count, int keep) {
        int low = from;
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

    private void sendSnapshots(PlayerView view, Player player, int tick, boolean[] entered) {
        int id = player.id();
        boolean keyFrame = (tick + id) % keyFrameTicks == 0;
        int since = view.lastSnapshotTick;
        int self = player.slot();
        int ack = player.lastInputSeq();
        writer.start(tick, ack, player.qx(), player.qy());
        boolean selfChanged = keyFrame || table.positionTicks()[self] > since || view.lastAckSent != ack;
        // The player's own position travels in every snapshot's header (the origin).
        add(player, self, flagsSince(self, since, keyFrame) & ~Snapshot.POSITION);
        int[] visible = view.visible;
        int count = view.visibleCount;
        if (!keyFrame && since == tick - 1) {
            // The usual case: each tier gets what changed since its last update. On a rescan tick
            // (when tiers may change) every entity in view gets the whole rescan interval's changes.
            int phase = tick + id;
            if (phase % VISIBILITY_INTERVAL_TICKS == 0) {
                addRange(player, visible, 0, count, changes.changedRecently, entered);
            } else if (phase % FAR_INTERVAL_TICKS == 0) {
                addRange(player, visible, 0, view.midCount, changes.changedLately, entered);
            } else {
                addRange(player, visible, 0, view.nearCount, changes.changed, entered);
            }
        } else {
            for (int k = 0; k < count; k++) {
                if (!entered[k]) {
                    add(player, visible[k], flagsSince(visible[k], since, keyFrame));
                }
            }
        }
        if (!writer.isEmpty() || selfChanged) {
            send(player);
        }
        view.lastAckSent = ack;
        view.lastSnapshotTick = tick;
    }

    /** Adds visible entries {@code from..to} with the fields {@code flagsBySlot} names, in bulk. */
    private void addRange(Player player, int[] visible, int from, int to, byte[] flagsBySlot, boolean[] entered) {
        for (int k = writer.addAll(visible, entered, from, to, flagsBySlot); k < to;
                k = writer.addAll(visible, entered, k + 1, to, flagsBySlot)) {
            if (!entered[k]) {
                add(player, visible[k], flagsBySlot[visible[k]]); // a full snapshot: sent, then a new one
            }
        }
    }

    /** Which fields of an entity a viewer whose last snapshot was at tick {@code since} lacks. */
    private int flagsSince(int slot, int since, boolean keyFrame) {
        if (keyFrame) {
            return Snapshot.POSITION | Snapshot.HP | Snapshot.STATE;
        }
        return (table.positionTicks()[slot] > since ? Snapshot.POSITION : 0) | (table.hpTicks()[slot] > since ? Snapshot.HP : 0)
                | (table.stateTicks()[slot] > since ? Snapshot.STATE : 0);
    }

    private void add(Player player, int slot, int flags) {
        if (flags != 0 && !writer.tryAdd(slot, flags)) {
            send(player); // full: this one goes first in the next snapshot of the same tick
            writer.tryAdd(slot, flags);
        }
    }

    private void send(Player player) {
        outbox.sendSnapshot(player.link(), writer.finish(outbox.blank()));
    }
}
