package com.mmorpg.mapserver.sim;

import com.mmorpg.common.protocol.EntityLeft;
import com.mmorpg.common.protocol.Snapshot;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Decides what each player sees and tells it. Per player and tick: collect the entities in the 3x3
 * grid cells around it within the view radius (a little more for ones already seen, so an entity
 * on the edge does not flicker), diff with last tick's set (both sorted by id) into
 * {@code EntityEntered}/{@code EntityLeft} over TCP, then send one {@link Snapshot} over UDP with
 * the visible entities that changed since the last one, split to stay under {@link Snapshot#MAX_BYTES}.
 * Every {@code keyFrameTicks} a player's snapshot carries all fields of all visible entities, so a
 * lost datagram is repaired within that time.
 */
final class InterestSystem implements SpatialGrid.Visitor {

    private static final Comparator<Entity> BY_ID = Comparator.comparingInt(e -> e.id);
    private static final float KEEP_FACTOR = 1.15f;

    private final float enterRadiusSquared;
    private final float keepRadiusSquared;
    private final int keyFrameTicks;
    private final TrafficCounter traffic;
    private Entity[] scratch = new Entity[64];
    private boolean[] enteredNow = new boolean[64];
    private int scratchCount;
    private Player viewer;

    InterestSystem(float viewRadius, int keyFrameTicks, TrafficCounter traffic) {
        this.enterRadiusSquared = viewRadius * viewRadius;
        float keep = viewRadius * KEEP_FACTOR;
        this.keepRadiusSquared = keep * keep;
        this.keyFrameTicks = keyFrameTicks;
        this.traffic = traffic;
    }

    void update(Channel channel, int tick) {
        for (Entity entity : channel.entities) {
            if (entity instanceof Player player) {
                updateVisibility(channel, player);
                sendSnapshots(player, tick);
            }
        }
    }

    /** Forgets everything a player saw (channel change, leaving): each entity gets an EntityLeft. */
    void forgetAll(Player player) {
        for (int i = 0; i < player.visibleCount; i++) {
            player.link.sendReliable(new EntityLeft(player.visible[i].id));
            player.visible[i] = null;
        }
        player.visibleCount = 0;
        player.lastSnapshotTick = -1;
    }

    @Override
    public void visit(Entity entity) {
        if (entity == viewer) {
            return;
        }
        float dx = entity.x - viewer.x;
        float dy = entity.y - viewer.y;
        float distanceSquared = dx * dx + dy * dy;
        if (distanceSquared <= enterRadiusSquared
                || (distanceSquared <= keepRadiusSquared && viewer.indexOfVisible(entity.id) >= 0)) {
            if (scratchCount == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratchCount * 2);
                enteredNow = Arrays.copyOf(enteredNow, scratchCount * 2);
            }
            scratch[scratchCount++] = entity;
        }
    }

    private void updateVisibility(Channel channel, Player player) {
        viewer = player;
        scratchCount = 0;
        channel.grid.forEachNear(player.x, player.y, this);
        viewer = null;
        Arrays.sort(scratch, 0, scratchCount, BY_ID);

        Entity[] old = player.visible;
        int oldCount = player.visibleCount;
        int i = 0;
        int j = 0;
        while (i < oldCount || j < scratchCount) {
            int oldId = i < oldCount ? old[i].id : Integer.MAX_VALUE;
            int newId = j < scratchCount ? scratch[j].id : Integer.MAX_VALUE;
            if (oldId < newId) {
                player.link.sendReliable(new EntityLeft(oldId));
                i++;
            } else if (oldId > newId) {
                player.link.sendReliable(scratch[j].entered());
                enteredNow[j] = true;
                j++;
            } else {
                enteredNow[j] = false;
                i++;
                j++;
            }
        }
        if (old.length < scratchCount) {
            player.visible = new Entity[Math.max(scratchCount, old.length * 2)];
        } else if (oldCount > scratchCount) {
            Arrays.fill(old, scratchCount, oldCount, null);
        }
        System.arraycopy(scratch, 0, player.visible, 0, scratchCount);
        player.visibleCount = scratchCount;
    }

    private void sendSnapshots(Player player, int tick) {
        boolean keyFrame = (tick + player.id) % keyFrameTicks == 0;
        int since = player.lastSnapshotTick;
        Snapshot snapshot = new Snapshot(tick, player.lastInputSeq);
        snapshot = add(snapshot, player, player, since, keyFrame);
        for (int k = 0; k < player.visibleCount; k++) {
            if (!enteredNow[k]) {
                snapshot = add(snapshot, player, player.visible[k], since, keyFrame);
            }
        }
        if (!snapshot.isEmpty() || player.lastAckSent != player.lastInputSeq) {
            send(player, snapshot);
        }
        player.lastAckSent = player.lastInputSeq;
        player.lastSnapshotTick = tick;
    }

    private Snapshot add(Snapshot snapshot, Player player, Entity entity, int since, boolean keyFrame) {
        int flags = 0;
        if (keyFrame || entity.positionChangedTick > since) {
            flags |= Snapshot.POSITION;
        }
        if (keyFrame || entity.hpChangedTick > since) {
            flags |= Snapshot.HP;
        }
        if (keyFrame || entity.stateChangedTick > since) {
            flags |= Snapshot.STATE;
        }
        if (flags == 0) {
            return snapshot;
        }
        int bytes = Snapshot.entryBytes(entity.id, flags, entity.qx, entity.qy, entity.hp);
        if (!snapshot.fits(bytes)) {
            send(player, snapshot);
            snapshot = new Snapshot(snapshot.tick, snapshot.ackSeq);
        }
        snapshot.add(entity.id, flags, entity.qx, entity.qy, entity.hp, entity.state);
        return snapshot;
    }

    private void send(Player player, Snapshot snapshot) {
        player.link.sendUnreliable(snapshot);
        traffic.snapshotSent(snapshot.size());
    }
}
