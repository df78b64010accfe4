/**
 * Players' WebSockets at {@code /ws}, from the handshake to the close: the transport
 * ({@code WebSocketEndpoint}, {@code GatewaySocket}), a session's life ({@code PlayerSessions}: token
 * check, recorded online, replaced, revoked, kicked, expired, reauth), the flood guard, the routing of
 * each message to its room ({@code MessageRouter}, {@code WorldRequests}), staff announcements, and the
 * periodic and Redis-pushed work over all connections. The top of the gateway: it uses {@code world},
 * {@code chat}, {@code pace}, {@code protocol} and {@code config}; nothing uses it.
 */
package com.mmorpg.gateway.connection;
