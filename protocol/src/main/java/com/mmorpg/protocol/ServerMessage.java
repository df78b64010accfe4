package com.mmorpg.protocol;

/** What the map server tells a client: changes to the world as that player sees it. */
public sealed interface ServerMessage extends WireMessage
        permits Welcome, Rejected, ChannelChanged, EntityEntered, EntityLeft, Snapshot, CombatEvent, Progress, Died,
        MapTransfer, MapLayout, InventoryUpdate, TradeUpdate {
}
