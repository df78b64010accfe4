/**
 * The SDK's gateway client: the WebSocket, {@code enter_world}/{@code join_map} answered as a
 * {@code MapAssignment}, token refresh on a live socket, chat and parties with their typed events.
 */
package com.mmorpg.client.gateway;
