/**
 * The services' internal HTTP contracts, in one place: what auth-service and world-directory answer
 * and what the gateway and the map servers send them, as plain records (snake_case on the wire,
 * through {@link com.mmorpg.common.internal.InternalClient#JSON}), and the one client that carries
 * them with the internal key. Services keep their own validated request types; they answer with
 * these records.
 */
package com.mmorpg.common.internal;
