package com.mmorpg.protocol;

/** What a player's client may send: intents, never outcomes. */
public sealed interface ClientMessage extends WireMessage
        permits Authenticate, MoveInput, AttackRequest, ChangeChannel, MapLayoutRequest, ItemAction, TradeAction {
}
