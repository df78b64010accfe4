/**
 * Per-account paces shared by every gateway (Redis buckets): world entries, chat lines, world chat,
 * history requests. Used by {@code connection} and {@code chat}; uses only {@code config}.
 */
package com.mmorpg.gateway.pace;
