package com.mmorpg.client.map;

import com.mmorpg.protocol.ChannelChanged;
import com.mmorpg.protocol.CombatEvent;
import com.mmorpg.protocol.Died;
import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.EntityLeft;
import com.mmorpg.protocol.InventoryUpdate;
import com.mmorpg.protocol.MapLayout;
import com.mmorpg.protocol.MapTransfer;
import com.mmorpg.protocol.Progress;
import com.mmorpg.protocol.Rejected;
import com.mmorpg.protocol.Snapshot;
import com.mmorpg.protocol.TradeUpdate;

/**
 * What the map server tells a client, one callback per message, on the network thread (hand work to
 * the game loop; do not block). {@link MapClient} has already applied each message to its
 * {@link MapClient#entities()} view and prediction when a callback runs.
 */
public interface MapListener {

    default void entered(EntityEntered entity) {
    }

    default void left(EntityLeft entity) {
    }

    default void snapshot(Snapshot snapshot) {
    }

    default void combat(CombatEvent event) {
    }

    default void progress(Progress progress) {
    }

    default void died(Died died) {
    }

    default void transfer(MapTransfer transfer) {
    }

    default void channelChanged(ChannelChanged changed) {
    }

    /** The map's definition (JSON), the answer to {@link MapClient#requestLayout}. */
    default void layout(MapLayout layout) {
    }

    /** The player's inventory: all of it on entry ({@code full}), then each change, or why an action changed nothing. */
    default void inventory(InventoryUpdate update) {
    }

    /** A trade's state: asked, invited, open (offers, locks, confirmations), committing, done or cancelled. */
    default void trade(TradeUpdate update) {
    }

    /** The last message before the server closes the connection. */
    default void rejected(Rejected rejected) {
    }

    default void disconnected() {
    }
}
