package com.mmorpg.mapserver.sim;

/**
 * A line of the item ledger, written with the state it explains: {@code quantity} of item {@code itemId}
 * came to character {@code to} ({@code from} null), left character {@code from} ({@code to} null), or went
 * from one to the other (a trade). {@code seq} numbers the character's events, so each is stored once.
 */
public record ItemEvent(long seq, long itemId, int typeId, int quantity, String from, String to, String reason) {
}
