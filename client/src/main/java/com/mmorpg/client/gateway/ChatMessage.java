package com.mmorpg.client.gateway;

/**
 * A line of chat ({@code chat_message}). {@code mapId} is set on the {@code map} channel, {@code toName}
 * on a whisper; {@code sentAt} is the sender's gateway's clock in epoch milliseconds.
 */
public record ChatMessage(String id, String channel, String fromCharacterId, String fromName, String text, long sentAt,
        String mapId, String toName) {
}
